extension WeightReader {
    /// Layer `index` of a Qwen3 dense model: QK-norm attention and a SwiGLU feed-forward.
    func qwen3Layer(_ index: Int) throws -> DecoderLayer {
        let feedForward = try gatedFeedForward("model.layers.\(index).mlp.", intermediate: configuration.intermediateSize)
        return try layer(
            index, attention: .standard(attention(index, queryKeyNorm: true, sinks: false)),
            feedForward: .gated(feedForward))
    }

    /// Layer `index` of a Qwen3-MoE model: Qwen3's attention, and either a dense SwiGLU
    /// (`mlp_only_layers`, `decoder_sparse_step`) or routed experts with the router `mlp.gate`.
    func qwen3MoeLayer(_ index: Int) throws -> DecoderLayer {
        let c = configuration
        let prefix = "model.layers.\(index).mlp."
        let feedForward: DecoderLayer.FeedForward
        switch c.feedForwardKinds[index] {
        case .dense:
            feedForward = .gated(try gatedFeedForward(prefix, intermediate: c.intermediateSize))
        case .experts:
            let router = ExpertRouter(
                weight: try matrix(prefix + "gate.weight", rows: c.expertCount, columns: c.hiddenSize),
                bias: nil, selectionBias: nil, routing: c.expertRouting, expertsPerToken: c.expertsPerToken)
            feedForward = .experts(MixtureOfExperts(router: router, experts: try routedExperts(prefix + "experts."), shared: nil))
        }
        return try layer(
            index, attention: .standard(attention(index, queryKeyNorm: true, sinks: false)), feedForward: feedForward)
    }
}
