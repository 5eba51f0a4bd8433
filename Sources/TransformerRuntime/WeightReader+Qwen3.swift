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
        let feedForward = try mixtureFeedForward(index, selectionBias: false)
        return try layer(
            index, attention: .standard(attention(index, queryKeyNorm: true, sinks: false)), feedForward: feedForward)
    }
}
