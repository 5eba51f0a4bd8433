/// One pre-norm decoder layer: `h = x + attention(norm(x))`, `x' = h + feedForward(norm(h))`.
struct DecoderLayer: Sendable {
    /// The attention part of a layer.
    enum Mixer: Sendable {
        /// Grouped-query attention (Qwen3, Qwen3-MoE, gpt-oss).
        case standard(Attention)
        /// Multi-head latent attention (DeepSeek-V3).
        case latent(LatentAttention)

        var byteCount: Int {
            switch self {
            case .standard(let attention): attention.byteCount
            case .latent(let attention): attention.byteCount
            }
        }
    }

    /// The feed-forward part of a layer.
    enum FeedForward: Sendable {
        case gated(GatedFeedForward)
        case experts(MixtureOfExperts)

        /// Bytes of weights one token reads (for experts: only the ones it is routed to).
        var bytesPerToken: Int {
            switch self {
            case .gated(let network): network.byteCount
            case .experts(let experts): experts.bytesPerToken
            }
        }
    }

    let inputNorm: [Float]
    let attention: Mixer
    let postAttentionNorm: [Float]
    let feedForward: FeedForward
    let normEpsilon: Float

    /// Runs the layer over `count` rows of `x` in place.
    func callAsFunction(
        _ x: inout [Float], count: Int, startPosition: Int, rope: RopeTable,
        cache: inout KeyValueCache.Layer, parallelism: Parallelism
    ) {
        let normalized = LanguageModel.rmsNormRows(x, weight: inputNorm, epsilon: normEpsilon)
        let attended: [Float]
        switch attention {
        case .standard(let layer):
            attended = layer(
                normalized, count: count, startPosition: startPosition, rope: rope, cache: &cache, parallelism: parallelism)
        case .latent(let layer):
            attended = layer(
                normalized, count: count, startPosition: startPosition, rope: rope, cache: &cache, parallelism: parallelism)
        }
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
