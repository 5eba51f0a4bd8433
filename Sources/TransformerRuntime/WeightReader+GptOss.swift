extension WeightReader {
    /// Layer `index` of a gpt-oss model: attention with biases and sinks, and a mixture of
    /// experts whose weights are MXFP4 (`*_blocks`/`*_scales`, as released) or dense
    /// (`gate_up_proj [E, hidden, 2·intermediate]`, `down_proj [E, intermediate, hidden]`).
    func gptOssLayer(_ index: Int) throws -> DecoderLayer {
        let c = configuration
        let prefix = "model.layers.\(index).mlp."
        let experts = c.expertCount
        let hidden = c.hiddenSize
        let doubled = 2 * c.intermediateSize
        let routerWeight = try matrix(prefix + "router.weight", rows: experts, columns: hidden)
        let routerBias = try vector(prefix + "router.bias", count: experts)
        let gateUpBias = try checkpoint.tensor(prefix + "experts.gate_up_proj_bias", shape: [experts, doubled]).floats()
        let downBias = try checkpoint.tensor(prefix + "experts.down_proj_bias", shape: [experts, hidden]).floats()
        let gateUp: [WeightMatrix]
        let down: [WeightMatrix]
        if checkpoint.contains(prefix + "experts.gate_up_proj_blocks") {
            let gateUpBlocks = try checkpoint.tensor(prefix + "experts.gate_up_proj_blocks")
            let gateUpScales = try checkpoint.tensor(prefix + "experts.gate_up_proj_scales")
            let downBlocks = try checkpoint.tensor(prefix + "experts.down_proj_blocks")
            let downScales = try checkpoint.tensor(prefix + "experts.down_proj_scales")
            gateUp = try (0..<experts).map {
                try WeightMatrix(
                    mxfp4Blocks: gateUpBlocks, scales: gateUpScales, expert: $0, expertCount: experts,
                    rows: doubled, columns: hidden)
            }
            down = try (0..<experts).map {
                try WeightMatrix(
                    mxfp4Blocks: downBlocks, scales: downScales, expert: $0, expertCount: experts,
                    rows: hidden, columns: c.intermediateSize)
            }
        } else {
            let gateUpDense = try checkpoint.tensor(prefix + "experts.gate_up_proj", shape: [experts, hidden, doubled])
            let downDense = try checkpoint.tensor(prefix + "experts.down_proj", shape: [experts, c.intermediateSize, hidden])
            gateUp = try (0..<experts).map {
                try WeightMatrix(transposing: gateUpDense, elementOffset: $0 * hidden * doubled, rows: doubled, columns: hidden)
            }
            down = try (0..<experts).map {
                try WeightMatrix(
                    transposing: downDense, elementOffset: $0 * c.intermediateSize * hidden,
                    rows: hidden, columns: c.intermediateSize)
            }
        }
        let router = ExpertRouter(
            weight: routerWeight, bias: routerBias, selectionBias: nil, routing: c.expertRouting,
            expertsPerToken: c.expertsPerToken)
        let expertNetworks = (0..<experts).map { e in
            MixtureOfExperts.Expert.clampedSwiGLU(ClampedSwiGLUExpert(
                gateUp: gateUp[e], gateUpBias: Array(gateUpBias[e * doubled ..< (e + 1) * doubled]),
                down: down[e], downBias: Array(downBias[e * hidden ..< (e + 1) * hidden]),
                limit: c.swigluLimit, alpha: c.swigluAlpha))
        }
        return try layer(
            index, attention: .standard(attention(index, queryKeyNorm: false, sinks: true)),
            feedForward: .experts(MixtureOfExperts(router: router, experts: expertNetworks, shared: nil)))
    }
}
