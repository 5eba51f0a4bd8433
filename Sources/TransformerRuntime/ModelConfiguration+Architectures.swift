#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The keys each architecture adds to the common ones, with transformers 5.24's defaults.
extension ModelConfiguration {
    typealias Limits = ConfigurationLimits

    mutating func readQwen3(_ reader: ConfigReader) throws {
        let usesSlidingWindow = try reader.optionalBool("use_sliding_window") ?? false
        let window = usesSlidingWindow
            ? try reader.optionalPositiveInteger("sliding_window", atMost: Limits.positions) ?? 4096 : nil
        slidingWindow = window
        let firstSlidingLayer = try reader.optionalInteger("max_window_layers") ?? 28
        let defaultTypes: [AttentionKind] = (0..<layerCount).map { i in
            window != nil && i >= firstSlidingLayer ? .sliding : .full
        }
        layerTypes = try reader.layerTypes(count: layerCount) ?? defaultTypes
        (ropeTheta, ropeScaling) = try reader.rope(defaultTheta: 10_000, defaultScaling: nil)
    }

    /// Qwen3-MoE: Qwen3 attention; layer i is sparse iff `i ∉ mlp_only_layers` and
    /// `(i + 1) % decoder_sparse_step == 0`. A sliding window, when enabled, applies to every layer.
    mutating func readQwen3Moe(_ reader: ConfigReader) throws {
        if try reader.optionalBool("use_sliding_window") ?? false {
            slidingWindow = try reader.optionalPositiveInteger("sliding_window", atMost: Limits.positions) ?? 4096
            layerTypes = Array(repeating: .sliding, count: layerCount)
        }
        // transformers v5 saves `num_experts` as `num_local_experts`.
        expertCount = try reader.optionalCount("num_experts", atMost: Limits.experts)
            ?? reader.optionalCount("num_local_experts", atMost: Limits.experts)
            ?? { throw reader.missing("num_experts") }()
        expertsPerToken = try reader.positiveInteger("num_experts_per_tok", atMost: Limits.experts)
        expertIntermediateSize = try reader.positiveInteger("moe_intermediate_size", atMost: Limits.width)
        expertRouting = .topKOfSoftmax(normalized: try reader.optionalBool("norm_topk_prob") ?? false)
        let step = try reader.optionalPositiveInteger("decoder_sparse_step", atMost: Limits.layers) ?? 1
        let denseLayers = Set(try reader.optionalIntegers("mlp_only_layers", in: 0..<layerCount) ?? [])
        feedForwardKinds = (0..<layerCount).map { i in
            !denseLayers.contains(i) && expertCount > 0 && (i + 1) % step == 0 ? .experts : .dense
        }
        (ropeTheta, ropeScaling) = try reader.rope(defaultTheta: 10_000, defaultScaling: nil)
    }

    mutating func readGptOss(_ reader: ConfigReader) throws {
        slidingWindow = try reader.optionalPositiveInteger("sliding_window", atMost: Limits.positions) ?? 128
        layerTypes = try reader.layerTypes(count: layerCount)
            ?? (0..<layerCount).map { $0 % 2 == 0 ? .sliding : .full }
        expertCount = try reader.optionalPositiveInteger("num_local_experts", atMost: Limits.experts)
            ?? reader.positiveInteger("num_experts", atMost: Limits.experts)
        expertsPerToken = try reader.optionalPositiveInteger("num_experts_per_tok", atMost: Limits.experts)
            ?? reader.positiveInteger("experts_per_token", atMost: Limits.experts)
        expertIntermediateSize = intermediateSize
        expertRouting = .softmaxOverTopK
        feedForwardKinds = Array(repeating: .experts, count: layerCount)
        swigluLimit = Float(try reader.optionalNumber("swiglu_limit") ?? 7)
        swigluAlpha = Float(try reader.optionalNumber("swiglu_alpha") ?? 1.702)
        let defaultYarn = RopeScaling.YarnParameters(
            factor: 32, originalMaxPositionEmbeddings: 4096, betaFast: 32, betaSlow: 1, truncate: false)
        (ropeTheta, ropeScaling) = try reader.rope(defaultTheta: 150_000, defaultScaling: .yarn(defaultYarn))
    }

    /// DeepSeek-V3: latent attention; layers from `first_k_dense_replace` on are sparse, with
    /// sigmoid group-limited routing and shared experts.
    mutating func readDeepseekV3(_ reader: ConfigReader) throws {
        let queryRank: Int?
        if reader.isNull("q_lora_rank") {
            queryRank = nil
        } else {
            queryRank = try reader.positiveInteger("q_lora_rank", atMost: Limits.width)
        }
        let nope = try reader.positiveInteger("qk_nope_head_dim", atMost: Limits.headDimension)
        let rope = try reader.positiveInteger("qk_rope_head_dim", atMost: Limits.headDimension)
        let value = try reader.positiveInteger("v_head_dim", atMost: Limits.headDimension)
        let keyValueRank = try reader.positiveInteger("kv_lora_rank", atMost: Limits.width)
        // The key/value heads are the query heads: kv_b_proj expands the latent for every head.
        guard keyValueHeadCount == attentionHeadCount else {
            throw reader.invalid("num_key_value_heads", "equal to num_attention_heads (\(attentionHeadCount)) for deepseek_v3")
        }
        // transformers v5 writes head_dim = qk_rope_head_dim; the attention head is nope + rope.
        headDimension = nope + rope
        (ropeTheta, ropeScaling) = try reader.rope(defaultTheta: 10_000, defaultScaling: nil)
        var scale = 1 / Double(nope + rope).squareRoot()
        if case .yarn(let yarn) = ropeScaling, let all = yarn.mscaleAllDim, all != 0, yarn.factor > 1 {
            let m = 0.1 * all * log(yarn.factor) + 1
            scale *= m * m
        }
        latentAttention = LatentAttentionDimensions(
            queryRank: queryRank, keyValueRank: keyValueRank, nopeHeadDimension: nope,
            ropeHeadDimension: rope, valueHeadDimension: value,
            interleavedRope: try reader.optionalBool("rope_interleave") ?? true,
            softmaxScale: Float(scale))

        expertCount = try reader.optionalCount("n_routed_experts", atMost: Limits.experts)
            ?? reader.optionalCount("num_local_experts", atMost: Limits.experts)
            ?? { throw reader.missing("n_routed_experts") }()
        expertsPerToken = try reader.positiveInteger("num_experts_per_tok", atMost: Limits.experts)
        expertIntermediateSize = try reader.positiveInteger("moe_intermediate_size", atMost: Limits.width)
        sharedExpertCount = try reader.optionalCount("n_shared_experts", atMost: Limits.experts) ?? 0
        let firstSparse = try reader.optionalCount("first_k_dense_replace", atMost: Limits.layers) ?? 3
        feedForwardKinds = (0..<layerCount).map { $0 >= firstSparse && expertCount > 0 ? .experts : .dense }
        if let scoring = try reader.optionalString("scoring_func"), scoring != "sigmoid" {
            throw reader.invalid("scoring_func", "\"sigmoid\" for deepseek_v3")
        }
        if let method = try reader.optionalString("topk_method"), method != "noaux_tc" {
            throw reader.invalid("topk_method", "\"noaux_tc\" for deepseek_v3")
        }
        let groups = try reader.optionalPositiveInteger("n_group", atMost: Limits.experts) ?? 1
        let groupsPerToken = try reader.optionalPositiveInteger("topk_group", atMost: Limits.experts) ?? 1
        expertRouting = .groupLimitedSigmoid(.init(
            groupCount: groups, groupsPerToken: groupsPerToken,
            normalized: try reader.optionalBool("norm_topk_prob") ?? true,
            scalingFactor: Float(try reader.optionalNumber("routed_scaling_factor") ?? 2.5)))
        guard expertCount > 0 else { return }
        guard expertCount % groups == 0, expertCount / groups >= 2 else {
            throw reader.invalid("n_group", "a divisor of n_routed_experts (\(expertCount)) leaving at least 2 experts per group")
        }
        guard groupsPerToken <= groups else { throw reader.invalid("topk_group", "at most n_group (\(groups))") }
        guard expertsPerToken <= groupsPerToken * (expertCount / groups) else {
            throw reader.invalid(
                "num_experts_per_tok", "at most the \(groupsPerToken * (expertCount / groups)) experts of topk_group groups")
        }
    }
}
