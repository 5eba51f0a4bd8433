/// One pre-norm decoder layer: `h = x + attention(norm(x))`, `x' = h + feedForward(norm(h))`.
struct DecoderLayer: Sendable {
    /// The feed-forward part of a layer.
    enum FeedForward: Sendable {
        case gated(GatedFeedForward)
        case experts(ExpertFeedForward)
    }

    let inputNorm: [Float]
    let attention: Attention
    let postAttentionNorm: [Float]
    let feedForward: FeedForward
    let normEpsilon: Float

    /// Runs the layer over `count` rows of `x` in place.
    func callAsFunction(
        _ x: inout [Float], count: Int, startPosition: Int, rope: RopeTable,
        cache: inout KeyValueCache.Layer, parallelism: Parallelism
    ) {
        let normalized = LanguageModel.rmsNormRows(x, weight: inputNorm, epsilon: normEpsilon)
        let attended = attention(
            normalized, count: count, startPosition: startPosition, rope: rope,
            cache: &cache, parallelism: parallelism)
        for i in x.indices { x[i] += attended[i] }
        let normalizedAgain = LanguageModel.rmsNormRows(x, weight: postAttentionNorm, epsilon: normEpsilon)
        let transformed: [Float]
        switch feedForward {
        case .gated(let layer):
            transformed = layer(normalizedAgain, parallelism: parallelism)
        case .experts(let layer):
            transformed = layer(normalizedAgain, count: count, parallelism: parallelism)
        }
        for i in x.indices { x[i] += transformed[i] }
    }
}
