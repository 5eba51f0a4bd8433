import Foundation
import Testing
@testable import TransformerRuntime

/// The released configs of Qwen3-30B-A3B and DeepSeek-V3, the derived quantities (routing, MLA
/// scale, YaRN, cache sizes), and the limits that protect against corrupt configurations.
@Suite struct ArchitectureConfigurationTests {
    /// DeepSeek-V3's published config.json (auto_map left out).
    static let deepseekV3 = """
        {"architectures": ["DeepseekV3ForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
         "bos_token_id": 0, "eos_token_id": 1, "ep_size": 1, "first_k_dense_replace": 3, "hidden_act": "silu",
         "hidden_size": 7168, "initializer_range": 0.02, "intermediate_size": 18432, "kv_lora_rank": 512,
         "max_position_embeddings": 163840, "model_type": "deepseek_v3", "moe_intermediate_size": 2048,
         "moe_layer_freq": 1, "n_group": 8, "n_routed_experts": 256, "n_shared_experts": 1, "norm_topk_prob": true,
         "num_attention_heads": 128, "num_experts_per_tok": 8, "num_hidden_layers": 61, "num_key_value_heads": 128,
         "num_nextn_predict_layers": 1, "q_lora_rank": 1536, "qk_nope_head_dim": 128, "qk_rope_head_dim": 64,
         "quantization_config": {"activation_scheme": "dynamic", "fmt": "e4m3", "quant_method": "fp8",
           "weight_block_size": [128, 128]},
         "rms_norm_eps": 1e-06, "rope_scaling": {"beta_fast": 32, "beta_slow": 1, "factor": 40, "mscale": 1.0,
           "mscale_all_dim": 1.0, "original_max_position_embeddings": 4096, "type": "yarn"},
         "rope_theta": 10000, "routed_scaling_factor": 2.5, "scoring_func": "sigmoid", "tie_word_embeddings": false,
         "topk_group": 4, "topk_method": "noaux_tc", "torch_dtype": "bfloat16", "transformers_version": "4.33.1",
         "use_cache": true, "v_head_dim": 128, "vocab_size": 129280}
        """

    /// Qwen3-30B-A3B's published config.json.
    static let qwen3MoE = """
        {"architectures": ["Qwen3MoeForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
         "bos_token_id": 151643, "decoder_sparse_step": 1, "eos_token_id": 151645, "head_dim": 128,
         "hidden_act": "silu", "hidden_size": 2048, "initializer_range": 0.02, "intermediate_size": 6144,
         "max_position_embeddings": 40960, "max_window_layers": 48, "mlp_only_layers": [], "model_type": "qwen3_moe",
         "moe_intermediate_size": 768, "norm_topk_prob": true, "num_attention_heads": 32, "num_experts": 128,
         "num_experts_per_tok": 8, "num_hidden_layers": 48, "num_key_value_heads": 4, "output_router_logits": false,
         "rms_norm_eps": 1e-06, "rope_scaling": null, "rope_theta": 1000000.0, "router_aux_loss_coef": 0.001,
         "sliding_window": null, "tie_word_embeddings": false, "torch_dtype": "bfloat16",
         "transformers_version": "4.51.0", "use_cache": true, "use_sliding_window": false, "vocab_size": 151936}
        """

    static func parse(_ json: String) throws -> ModelConfiguration {
        try ModelConfiguration(json: Data(json.utf8))
    }

    @Test func deepseekV3() throws {
        let c = try Self.parse(Self.deepseekV3)
        #expect(c.architecture == .deepseekV3)
        let latent = try #require(c.latentAttention)
        #expect(latent == LatentAttentionDimensions(
            queryRank: 1536, keyValueRank: 512, nopeHeadDimension: 128, ropeHeadDimension: 64, valueHeadDimension: 128,
            interleavedRope: true, softmaxScale: latent.softmaxScale))
        // 192^-½ · (0.1·ln 40 + 1)²: the scale changes, cos/sin do not.
        #expect(abs(latent.softmaxScale - 0.1352338) < 1e-6)
        #expect(c.headDimension == 192 && c.rotaryDimension == 64)
        #expect(c.feedForwardKinds.prefix(3).allSatisfy { $0 == .dense } && c.feedForwardKinds.dropFirst(3).allSatisfy { $0 == .experts })
        #expect(c.expertCount == 256 && c.expertsPerToken == 8 && c.expertIntermediateSize == 2048 && c.sharedExpertCount == 1)
        #expect(c.expertRouting == .groupLimitedSigmoid(.init(groupCount: 8, groupsPerToken: 4, normalized: true, scalingFactor: 2.5)))
        #expect(c.quantization == .fp8(blockRows: 128, blockColumns: 128))
        #expect(c.endOfSequenceTokenIds == [1])

        let rope = RotaryEmbedding(dimension: c.rotaryDimension, theta: c.ropeTheta, scaling: c.ropeScaling)
        let plain = RotaryEmbedding(dimension: 64, theta: 10_000, scaling: .none)
        #expect(rope.attentionFactor == 1)
        // Truncated correction range [10, 23]: below it unchanged, above it divided by 40.
        #expect(rope.inverseFrequencies[10] == plain.inverseFrequencies[10])
        #expect(abs(rope.inverseFrequencies[23] / (plain.inverseFrequencies[23] / 40) - 1) < 1e-6)
        let ramp: Float = 6.0 / 13.0
        let blended = plain.inverseFrequencies[16] * (1 - ramp) + plain.inverseFrequencies[16] / 40 * ramp
        #expect(abs(rope.inverseFrequencies[16] / blended - 1) < 1e-6)

        // The latent cache: 576 floats per token and layer instead of 128 heads × (192 + 128).
        #expect(c.keyValueCacheBytesPerToken == 61 * 576 * 4)
        #expect(c.expandedKeyValueBytesPerToken == 61 * 128 * 320 * 4)
    }

    @Test func mscaleBelowTheAllDimensionsScaleMovesCosAndSin() throws {
        let lite = Self.deepseekV3.replacingOccurrences(of: #""mscale": 1.0,"#, with: #""mscale": 0.707,"#)
        let c = try Self.parse(lite)
        let rope = RotaryEmbedding(dimension: c.rotaryDimension, theta: c.ropeTheta, scaling: c.ropeScaling)
        let m = { (k: Float) in 0.1 * k * Float(log(40.0)) + 1 }
        #expect(abs(rope.attentionFactor - m(0.707) / m(1)) < 1e-6)
        #expect(abs(c.latentAttention!.softmaxScale - 0.1352338) < 1e-6)
        let direct = try Self.parse(Self.deepseekV3.replacingOccurrences(of: #""q_lora_rank": 1536"#, with: #""q_lora_rank": null"#))
        #expect(direct.latentAttention?.queryRank == nil)
    }

    @Test func qwen3MoE() throws {
        let c = try Self.parse(Self.qwen3MoE)
        #expect(c.architecture == .qwen3Moe)
        #expect(c.expertCount == 128 && c.expertsPerToken == 8 && c.expertIntermediateSize == 768)
        #expect(c.expertRouting == .topKOfSoftmax(normalized: true))
        #expect(c.feedForwardKinds.allSatisfy { $0 == .experts })
        #expect(c.layerTypes.allSatisfy { $0 == .full })
        #expect(c.keyValueCacheBytesPerToken == 48 * 2 * 4 * 128 * 4)
        #expect(c.keyValueCacheBytesPerToken == c.expandedKeyValueBytesPerToken)

        let sparse = try Self.parse(Self.qwen3MoE
            .replacingOccurrences(of: #""decoder_sparse_step": 1"#, with: #""decoder_sparse_step": 2"#)
            .replacingOccurrences(of: #""mlp_only_layers": []"#, with: #""mlp_only_layers": [3]"#)
            .replacingOccurrences(of: #""num_experts": 128"#, with: #""num_local_experts": 128"#))
        #expect(Array(sparse.feedForwardKinds.prefix(6)) == [.dense, .experts, .dense, .dense, .dense, .experts])
        #expect(sparse.expertCount == 128)
    }

    @Test func deepseekSettingsTheRuntimeDoesNotImplementAreNamed() throws {
        for (from, to, key) in [
            (#""scoring_func": "sigmoid""#, #""scoring_func": "softmax""#, "scoring_func"),
            (#""topk_method": "noaux_tc""#, #""topk_method": "greedy""#, "topk_method"),
            (#""num_key_value_heads": 128"#, #""num_key_value_heads": 16"#, "num_key_value_heads"),
            (#""n_group": 8"#, #""n_group": 7"#, "n_group"),
            (#""topk_group": 4"#, #""topk_group": 9"#, "topk_group"),
            (#""num_experts_per_tok": 8"#, #""num_experts_per_tok": 200"#, "num_experts_per_tok"),
            (#""hidden_act": "silu""#, #""hidden_act": "gelu""#, "hidden_act"),
        ] {
            let error = #expect(throws: ModelError.self) { try Self.parse(Self.deepseekV3.replacingOccurrences(of: from, with: to)) }
            #expect(error?.kind == .invalidConfiguration)
            #expect(error?.description.contains("\"\(key)\"") == true, "\(error?.description ?? "")")
        }
    }

    @Test func countsBeyondSaneLimitsAreNamedBeforeAnythingIsAllocated() throws {
        for (key, value) in [
            ("num_hidden_layers", "2147483648"), ("vocab_size", "4294967296"), ("hidden_size", "1e12"),
            ("num_attention_heads", "100000"), ("n_routed_experts", "1000000"), ("moe_intermediate_size", "-1"),
        ] {
            let pattern = try NSRegularExpression(pattern: "\"\(key)\": [^,}]+")
            let range = NSRange(Self.deepseekV3.startIndex..., in: Self.deepseekV3)
            let json = pattern.stringByReplacingMatches(in: Self.deepseekV3, range: range, withTemplate: "\"\(key)\": \(value)")
            let error = #expect(throws: ModelError.self) { try Self.parse(json) }
            #expect(error?.kind == .invalidConfiguration)
            #expect(error?.description.contains("\"\(key)\"") == true, "\(error?.description ?? "")")
        }
    }

    @Test func generationConfigEndOfSequenceIdsReplaceTheConfigs() throws {
        let directory = try SafetensorsWriter.temporaryDirectory()
        defer { SafetensorsWriter.remove(directory) }
        try SafetensorsWriter.write(Data(Self.qwen3MoE.utf8), to: directory + "/config.json")
        #expect(try ModelConfiguration(directory: directory).endOfSequenceTokenIds == [151645])
        for (generation, expected) in [
            (#"{"eos_token_id": [151645, 151643]}"#, [151645, 151643]),
            (#"{"eos_token_id": 151643, "do_sample": true}"#, [151643]),
            (#"{"temperature": 0.6}"#, [151645]),
        ] as [(String, [UInt32])] {
            try SafetensorsWriter.write(Data(generation.utf8), to: directory + "/generation_config.json")
            #expect(try ModelConfiguration(directory: directory).endOfSequenceTokenIds == expected)
        }
        for bad in [#"{"eos_token_id": "</s>"}"#, #"{"eos_token_id": [1, 999999]}"#, "not json"] {
            try SafetensorsWriter.write(Data(bad.utf8), to: directory + "/generation_config.json")
            let error = #expect(throws: ModelError.self) { try ModelConfiguration(directory: directory) }
            #expect(error?.description.contains("generation_config.json") == true)
        }
    }
}
