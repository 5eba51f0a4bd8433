/// Reads tensors of the shapes a configuration implies, with errors that name the tensor.
struct WeightReader {
    let checkpoint: SafetensorsCheckpoint
    let configuration: ModelConfiguration

    /// A `[rows, columns]` matrix: F32, BF16 or F16, or block-quantized F8_E4M3 read with its
    /// `<name>_scale_inv` and the block size of `quantization_config`.
    /// - Throws: `ModelError` naming the tensor when it is missing, of another shape or type, or
    ///   FP8 without scales or without a `quant_method: fp8` configuration.
    func matrix(_ name: String, rows: Int, columns: Int) throws -> WeightMatrix {
        let tensor = try checkpoint.tensor(name, shape: [rows, columns])
        guard tensor.dataType == .float8E4M3 else { return try WeightMatrix(tensor) }
        guard case .fp8(let blockRows, let blockColumns) = configuration.quantization else {
            throw ModelError(
                .unsupportedDataType,
                "tensor \(name) is F8_E4M3, but config.json has no quantization_config with quant_method fp8 (which gives its block size)")
        }
        let scaleName = name + "_scale_inv"
        guard checkpoint.contains(scaleName) || checkpoint.containsUnreadable(scaleName) else {
            throw ModelError(.missingTensor, "tensor \(name) is F8_E4M3, but its scales \(scaleName) are missing from \(checkpoint.directory)")
        }
        return try WeightMatrix(
            float8: tensor, scales: checkpoint.tensor(scaleName), blockRows: blockRows, blockColumns: blockColumns)
    }

    /// The SwiGLU network `<prefix>{gate,up,down}_proj.weight` of width `intermediate`.
    func gatedFeedForward(_ prefix: String, intermediate: Int) throws -> GatedFeedForward {
        let hidden = configuration.hiddenSize
        return GatedFeedForward(
            gate: try matrix(prefix + "gate_proj.weight", rows: intermediate, columns: hidden),
            up: try matrix(prefix + "up_proj.weight", rows: intermediate, columns: hidden),
            down: try matrix(prefix + "down_proj.weight", rows: hidden, columns: intermediate))
    }

    /// The routed SwiGLU experts under `prefix` (`model.layers.N.mlp.experts.`): per expert, as
    /// released (`<prefix>E.{gate,up,down}_proj.weight`, FP8 included), or fused as transformers
    /// v5 holds them in memory (`<prefix>gate_up_proj [E, 2I, H]`, `<prefix>down_proj [E, H, I]`).
    func routedExperts(_ prefix: String) throws -> [MixtureOfExperts.Expert] {
        let c = configuration
        let (experts, intermediate, hidden) = (c.expertCount, c.expertIntermediateSize, c.hiddenSize)
        if !checkpoint.contains(prefix + "0.gate_proj.weight"), checkpoint.contains(prefix + "gate_up_proj") {
            let gateUp = try checkpoint.tensor(prefix + "gate_up_proj", shape: [experts, 2 * intermediate, hidden])
            let down = try checkpoint.tensor(prefix + "down_proj", shape: [experts, hidden, intermediate])
            return try (0..<experts).map { e in
                let offset = e * 2 * intermediate * hidden
                return .swiGLU(GatedFeedForward(
                    gate: try WeightMatrix(gateUp, elementOffset: offset, rows: intermediate, columns: hidden),
                    up: try WeightMatrix(gateUp, elementOffset: offset + intermediate * hidden, rows: intermediate, columns: hidden),
                    down: try WeightMatrix(down, elementOffset: e * hidden * intermediate, rows: hidden, columns: intermediate)))
            }
        }
        return try (0..<experts).map { .swiGLU(try gatedFeedForward(prefix + "\($0).", intermediate: intermediate)) }
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
    func layer(_ index: Int, attention: DecoderLayer.Mixer, feedForward: DecoderLayer.FeedForward) throws -> DecoderLayer {
        let prefix = "model.layers.\(index)."
        return DecoderLayer(
            inputNorm: try vector(prefix + "input_layernorm.weight", count: configuration.hiddenSize),
            attention: attention,
            postAttentionNorm: try vector(prefix + "post_attention_layernorm.weight", count: configuration.hiddenSize),
            feedForward: feedForward,
            normEpsilon: configuration.rmsNormEpsilon)
    }
}

extension WeightReader {
    /// The feed-forward of layer `index` of a mixture-of-experts model: a dense SwiGLU where the
    /// configuration makes the layer dense, else the routed experts under the router `mlp.gate`
    /// (with its `e_score_correction_bias` for selection when `selectionBias`) and the shared
    /// experts, when the configuration has them.
    func mixtureFeedForward(_ index: Int, selectionBias: Bool) throws -> DecoderLayer.FeedForward {
        let c = configuration
        let prefix = "model.layers.\(index).mlp."
        switch c.feedForwardKinds[index] {
        case .dense:
            return .gated(try gatedFeedForward(prefix, intermediate: c.intermediateSize))
        case .experts:
            let router = ExpertRouter(
                weight: try matrix(prefix + "gate.weight", rows: c.expertCount, columns: c.hiddenSize),
                bias: nil,
                selectionBias: selectionBias ? try vector(prefix + "gate.e_score_correction_bias", count: c.expertCount) : nil,
                routing: c.expertRouting, expertsPerToken: c.expertsPerToken)
            let shared = c.sharedExpertCount > 0
                ? try gatedFeedForward(prefix + "shared_experts.", intermediate: c.expertIntermediateSize * c.sharedExpertCount)
                : nil
            return .experts(MixtureOfExperts(router: router, experts: try routedExperts(prefix + "experts."), shared: shared))
        }
    }
}
