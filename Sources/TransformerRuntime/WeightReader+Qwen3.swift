extension WeightReader {
    /// Layer `index` of a Qwen3 dense model: QK-norm attention and a SwiGLU feed-forward.
    func qwen3Layer(_ index: Int) throws -> DecoderLayer {
        let c = configuration
        let prefix = "model.layers.\(index).mlp."
        let feedForward = GatedFeedForward(
            gate: try matrix(prefix + "gate_proj.weight", rows: c.intermediateSize, columns: c.hiddenSize),
            up: try matrix(prefix + "up_proj.weight", rows: c.intermediateSize, columns: c.hiddenSize),
            down: try matrix(prefix + "down_proj.weight", rows: c.hiddenSize, columns: c.intermediateSize))
        return try layer(
            index, attention: attention(index, queryKeyNorm: true, sinks: false),
            feedForward: .gated(feedForward))
    }
}
