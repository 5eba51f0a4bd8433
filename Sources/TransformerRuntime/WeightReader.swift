/// Reads tensors of the shapes a configuration implies, with errors that name the tensor.
struct WeightReader {
    let checkpoint: SafetensorsCheckpoint
    let configuration: ModelConfiguration

    /// A `[rows, columns]` floating-point matrix.
    func matrix(_ name: String, rows: Int, columns: Int) throws -> WeightMatrix {
        try WeightMatrix(checkpoint.tensor(name, shape: [rows, columns]))
    }

    /// A floating-point vector of `count` values, widened to f32.
    func vector(_ name: String, count: Int) throws -> [Float] {
        try checkpoint.tensor(name, shape: [count]).floats()
    }

    /// The vector `name` if `present`, else nil.
    func optionalVector(_ name: String, count: Int, present: Bool) throws -> [Float]? {
        present ? try vector(name, count: count) : nil
    }

    /// The attention block of layer `index` under the prefix `model.layers.<index>.self_attn.`.
    func attention(_ index: Int, queryKeyNorm: Bool, sinks: Bool) throws -> Attention {
        let c = configuration
        let prefix = "model.layers.\(index).self_attn."
        let queryWidth = c.attentionHeadCount * c.headDimension
        let keyValueWidth = c.keyValueHeadCount * c.headDimension
        let bias = c.attentionBias
        return Attention(
            query: try matrix(prefix + "q_proj.weight", rows: queryWidth, columns: c.hiddenSize),
            key: try matrix(prefix + "k_proj.weight", rows: keyValueWidth, columns: c.hiddenSize),
            value: try matrix(prefix + "v_proj.weight", rows: keyValueWidth, columns: c.hiddenSize),
            output: try matrix(prefix + "o_proj.weight", rows: c.hiddenSize, columns: queryWidth),
            queryBias: try optionalVector(prefix + "q_proj.bias", count: queryWidth, present: bias),
            keyBias: try optionalVector(prefix + "k_proj.bias", count: keyValueWidth, present: bias),
            valueBias: try optionalVector(prefix + "v_proj.bias", count: keyValueWidth, present: bias),
            outputBias: try optionalVector(prefix + "o_proj.bias", count: c.hiddenSize, present: bias),
            queryNorm: try optionalVector(prefix + "q_norm.weight", count: c.headDimension, present: queryKeyNorm),
            keyNorm: try optionalVector(prefix + "k_norm.weight", count: c.headDimension, present: queryKeyNorm),
            sinks: try optionalVector(prefix + "sinks", count: c.attentionHeadCount, present: sinks),
            headCount: c.attentionHeadCount,
            keyValueHeadCount: c.keyValueHeadCount,
            headDimension: c.headDimension,
            normEpsilon: c.rmsNormEpsilon,
            window: c.layerTypes[index] == .sliding ? c.slidingWindow : nil)
    }

    /// A decoder layer with `attention` and `feedForward` and the two norms of layer `index`.
    func layer(_ index: Int, attention: Attention, feedForward: DecoderLayer.FeedForward) throws -> DecoderLayer {
        let prefix = "model.layers.\(index)."
        return DecoderLayer(
            inputNorm: try vector(prefix + "input_layernorm.weight", count: configuration.hiddenSize),
            attention: attention,
            postAttentionNorm: try vector(prefix + "post_attention_layernorm.weight", count: configuration.hiddenSize),
            feedForward: feedForward,
            normEpsilon: configuration.rmsNormEpsilon)
    }
}
