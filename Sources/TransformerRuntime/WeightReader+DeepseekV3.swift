extension WeightReader {
    /// Layer `index` of a DeepSeek-V3 model: latent attention, then a dense SwiGLU (layers before
    /// `first_k_dense_replace`) or routed experts (router `mlp.gate` with its
    /// `e_score_correction_bias`) plus the shared experts.
    func deepseekV3Layer(_ index: Int) throws -> DecoderLayer {
        let feedForward = try mixtureFeedForward(index, selectionBias: true)
        return try layer(index, attention: .latent(latentAttention(index)), feedForward: feedForward)
    }

    /// The latent attention of layer `index` (`model.layers.<index>.self_attn.`).
    func latentAttention(_ index: Int) throws -> LatentAttention {
        let c = configuration
        guard let d = c.latentAttention else {
            throw ModelError(.invalidConfiguration, "\(c.architecture.rawValue) has no latent attention dimensions")
        }
        let prefix = "model.layers.\(index).self_attn."
        let hidden = c.hiddenSize
        let heads = c.attentionHeadCount
        let queryWidth = heads * d.queryKeyHeadDimension
        let bias = c.attentionBias
        let queryDown: WeightMatrix?
        let queryUp: WeightMatrix
        if let rank = d.queryRank {
            queryDown = try matrix(prefix + "q_a_proj.weight", rows: rank, columns: hidden)
            queryUp = try matrix(prefix + "q_b_proj.weight", rows: queryWidth, columns: rank)
        } else {
            queryDown = nil
            queryUp = try matrix(prefix + "q_proj.weight", rows: queryWidth, columns: hidden)
        }
        return LatentAttention(
            queryDown: queryDown,
            queryDownBias: try optionalVector(prefix + "q_a_proj.bias", count: d.queryRank ?? 0, present: bias && d.queryRank != nil),
            queryNorm: try optionalVector(prefix + "q_a_layernorm.weight", count: d.queryRank ?? 0, present: d.queryRank != nil),
            queryUp: queryUp,
            keyValueDown: try matrix(prefix + "kv_a_proj_with_mqa.weight", rows: d.cachedWidth, columns: hidden),
            keyValueDownBias: try optionalVector(prefix + "kv_a_proj_with_mqa.bias", count: d.cachedWidth, present: bias),
            keyValueNorm: try vector(prefix + "kv_a_layernorm.weight", count: d.keyValueRank),
            keyValueUp: try matrix(
                prefix + "kv_b_proj.weight", rows: heads * (d.nopeHeadDimension + d.valueHeadDimension), columns: d.keyValueRank),
            output: try matrix(prefix + "o_proj.weight", rows: hidden, columns: heads * d.valueHeadDimension),
            outputBias: try optionalVector(prefix + "o_proj.bias", count: hidden, present: bias),
            headCount: heads,
            dimensions: d)
    }
}
