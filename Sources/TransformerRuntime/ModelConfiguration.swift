import BytePairEncoding

/// The hyperparameters of a decoder-only transformer, read from a Hugging Face `config.json`.
///
/// Both key forms are accepted: hub configs (`rope_theta` + `rope_scaling` with `type` or
/// `rope_type`) and configs saved by transformers v5 (`rope_parameters` with `rope_theta` inside).
public struct ModelConfiguration: Sendable, Equatable {
    /// The architectures the runtime implements.
    public enum Architecture: String, Sendable, CaseIterable {
        /// Qwen3 dense (`qwen3`).
        case qwen3 = "qwen3"
        /// gpt-oss (`gpt_oss`).
        case gptOss = "gpt_oss"
        /// Qwen3 mixture of experts (`qwen3_moe`, e.g. Qwen3-30B-A3B).
        case qwen3Moe = "qwen3_moe"
        /// DeepSeek-V3 and R1 (`deepseek_v3`): latent attention and group-routed experts.
        case deepseekV3 = "deepseek_v3"
    }

    /// Which keys an attention layer sees.
    public enum AttentionKind: String, Sendable {
        /// Every earlier key (causal).
        case full = "full_attention"
        /// Only the last `slidingWindow` keys, the current one included.
        case sliding = "sliding_attention"
    }

    /// The feed-forward part of a layer.
    public enum FeedForwardKind: Sendable, Equatable {
        /// One SwiGLU network of `intermediateSize`.
        case dense
        /// Routed experts of `expertIntermediateSize` (plus shared experts where the architecture has them).
        case experts
    }

    /// The architecture (`model_type`).
    public var architecture: Architecture
    /// Number of token ids.
    public var vocabularySize: Int
    /// Width of the residual stream.
    public var hiddenSize: Int
    /// Number of decoder layers.
    public var layerCount: Int
    /// Number of query heads.
    public var attentionHeadCount: Int
    /// Number of key/value heads (grouped-query attention when smaller than the query heads).
    public var keyValueHeadCount: Int
    /// Size of one attention head (for latent attention: of one query/key head, nope + rope).
    public var headDimension: Int
    /// Width of the dense feed-forward layers.
    public var intermediateSize: Int
    /// RMSNorm epsilon.
    public var rmsNormEpsilon: Float
    /// RoPE base.
    public var ropeTheta: Double
    /// RoPE scaling.
    public var ropeScaling: RopeScaling
    /// Whether the output head reuses the token embedding matrix.
    public var tieWordEmbeddings: Bool
    /// Whether the attention projections have biases.
    public var attentionBias: Bool
    /// The window of sliding attention layers, if any layer slides.
    public var slidingWindow: Int?
    /// The attention kind of every layer.
    public var layerTypes: [AttentionKind]
    /// The feed-forward kind of every layer.
    public var feedForwardKinds: [FeedForwardKind]
    /// Number of routed experts (0 for dense models).
    public var expertCount: Int = 0
    /// Routed experts used per token (0 for dense models).
    public var expertsPerToken: Int = 0
    /// Width of each routed expert (`moe_intermediate_size`; gpt-oss: `intermediate_size`).
    public var expertIntermediateSize: Int = 0
    /// How the router chooses and weights experts.
    public var expertRouting: ExpertRouting = .none
    /// Always-active shared experts (DeepSeek-V3's `n_shared_experts`), as one SwiGLU network
    /// of `sharedExpertCount · expertIntermediateSize`.
    public var sharedExpertCount: Int = 0
    /// gpt-oss: the clamp of the expert SwiGLU.
    public var swigluLimit: Float = .infinity
    /// gpt-oss: the sigmoid gain of the expert SwiGLU.
    public var swigluAlpha: Float = 1
    /// DeepSeek-V3's multi-head latent attention, or nil for standard attention.
    public var latentAttention: LatentAttentionDimensions?
    /// How the linear weights are quantized (`quantization_config`).
    public var quantization: WeightQuantization = .none
    /// End-of-sequence ids: `generation_config.json`'s `eos_token_id` when the folder has one
    /// (as transformers' `generate` uses it), else `config.json`'s.
    public var endOfSequenceTokenIds: [TokenID]
    /// Longest supported context.
    public var maxPositionEmbeddings: Int

    /// The size of the rotated part of each query/key head.
    public var rotaryDimension: Int { latentAttention?.ropeHeadDimension ?? headDimension }
}
