extension ModelConfiguration {
    /// Checks the dimensions and counts of the configuration against the checkpoint's tensors,
    /// before any weight, layer or cache is allocated from them.
    ///
    /// Checked: `vocab_size` and `hidden_size` (the embedding), `num_hidden_layers` (the last
    /// layer must exist; more layers, such as DeepSeek-V3's multi-token-prediction layer, are
    /// ignored as transformers does), the head counts and sizes (layer 0's projections), and the
    /// feed-forward and expert widths and counts (the first dense and the first sparse layer).
    /// - Throws: `ModelError` (`.invalidConfiguration`) naming the key, its value and the tensor
    ///   that disagrees, or `.missingTensor` when the embedding is absent.
    func validate(against checkpoint: SafetensorsCheckpoint) throws {
        let embedding = try checkpoint.tensor("model.embed_tokens.weight")
        try expect(embedding, dimension: 0, equals: vocabularySize, key: "vocab_size")
        try expect(embedding, dimension: 1, equals: hiddenSize, key: "hidden_size")
        let lastLayer = "model.layers.\(layerCount - 1).input_layernorm.weight"
        guard checkpoint.contains(lastLayer) else {
            let present = checkpoint.tensorNames.compactMap(Self.layerIndex).max().map { "layers 0...\($0)" } ?? "no layers"
            throw ModelError(
                .invalidConfiguration,
                "config.json: num_hidden_layers is \(layerCount), but the checkpoint has \(present) (no \(lastLayer))")
        }
        let attention = "model.layers.0.self_attn."
        if let latent = latentAttention {
            let heads = attentionHeadCount
            if let rank = latent.queryRank {
                try expectRows(checkpoint, attention + "q_a_proj.weight", rank, key: "q_lora_rank")
                try expectRows(checkpoint, attention + "q_b_proj.weight", heads * latent.queryKeyHeadDimension,
                               key: "num_attention_heads × (qk_nope_head_dim + qk_rope_head_dim)")
            } else {
                try expectRows(checkpoint, attention + "q_proj.weight", heads * latent.queryKeyHeadDimension,
                               key: "num_attention_heads × (qk_nope_head_dim + qk_rope_head_dim)")
            }
            try expectRows(checkpoint, attention + "kv_a_proj_with_mqa.weight", latent.cachedWidth,
                           key: "kv_lora_rank + qk_rope_head_dim")
            try expectRows(checkpoint, attention + "kv_b_proj.weight", heads * (latent.nopeHeadDimension + latent.valueHeadDimension),
                           key: "num_attention_heads × (qk_nope_head_dim + v_head_dim)")
        } else {
            try expectRows(checkpoint, attention + "q_proj.weight", attentionHeadCount * headDimension,
                           key: "num_attention_heads × head_dim")
            try expectRows(checkpoint, attention + "k_proj.weight", keyValueHeadCount * headDimension,
                           key: "num_key_value_heads × head_dim")
        }
        if let dense = feedForwardKinds.firstIndex(of: .dense) {
            try expectRows(checkpoint, "model.layers.\(dense).mlp.gate_proj.weight", intermediateSize, key: "intermediate_size")
        }
        if let sparse = feedForwardKinds.firstIndex(of: .experts) {
            let mlp = "model.layers.\(sparse).mlp."
            let (router, countKey) = architecture == .gptOss
                ? (mlp + "router.weight", "num_local_experts")
                : (mlp + "gate.weight", (architecture == .deepseekV3 ? "n_routed_experts" : "num_experts") + " (or num_local_experts)")
            try expectRows(checkpoint, router, expertCount, key: countKey)
            if architecture != .gptOss {
                try expectRows(checkpoint, mlp + "experts.0.gate_proj.weight", expertIntermediateSize, key: "moe_intermediate_size")
            }
        }
    }

    /// The N of a `model.layers.N.…` tensor name.
    private static func layerIndex(_ name: String) -> Int? {
        guard name.hasPrefix("model.layers.") else { return nil }
        return Int(name.dropFirst("model.layers.".count).prefix { $0 != "." })
    }

    private func expect(_ tensor: Tensor, dimension: Int, equals value: Int, key: String) throws {
        guard tensor.shape.count > dimension, tensor.shape[dimension] == value else {
            throw ModelError(
                .invalidConfiguration,
                "config.json: \(key) is \(value), but tensor \(tensor.name) has shape \(tensor.shape)")
        }
    }

    /// Checks the rows of `name` when the checkpoint has it (a missing tensor is reported when
    /// the layer is read).
    private func expectRows(_ checkpoint: SafetensorsCheckpoint, _ name: String, _ rows: Int, key: String) throws {
        guard checkpoint.contains(name), let tensor = try? checkpoint.tensor(name) else { return }
        try expect(tensor, dimension: 0, equals: rows, key: key)
    }
}
