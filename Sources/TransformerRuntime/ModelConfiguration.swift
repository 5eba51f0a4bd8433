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
    }

    /// Which keys an attention layer sees.
    public enum AttentionKind: String, Sendable {
        /// Every earlier key (causal).
        case full = "full_attention"
        /// Only the last `slidingWindow` keys, the current one included.
        case sliding = "sliding_attention"
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
    /// Size of one attention head.
    public var headDimension: Int
    /// Width of the feed-forward layer (of each expert for mixtures of experts).
    public var intermediateSize: Int
    /// RMSNorm epsilon.
    public var rmsNormEpsilon: Float
    /// RoPE base.
    public var ropeTheta: Double
    /// RoPE scaling.
    public var ropeScaling: RopeScaling
    /// Whether the output head reuses the token embedding matrix.
    public var tieWordEmbeddings: Bool
    /// Whether q, k, v and o projections have biases.
    public var attentionBias: Bool
    /// The window of sliding attention layers, if any layer slides.
    public var slidingWindow: Int?
    /// The attention kind of every layer.
    public var layerTypes: [AttentionKind]
    /// Number of experts (mixture-of-experts architectures only; 0 otherwise).
    public var expertCount: Int
    /// Experts used per token (mixture-of-experts architectures only; 0 otherwise).
    public var expertsPerToken: Int
    /// gpt-oss: the clamp of the expert SwiGLU.
    public var swigluLimit: Float
    /// gpt-oss: the sigmoid gain of the expert SwiGLU.
    public var swigluAlpha: Float
    /// End-of-sequence token ids from `config.json` (and `generation_config.json` when read from a folder).
    public var endOfSequenceTokenIds: [Int]
    /// Longest supported context.
    public var maxPositionEmbeddings: Int
}
