/// The largest values `config.json` may give for counts and sizes.
///
/// Every dimension is checked against these bounds while the file is read, and against the
/// checkpoint's tensors before any weight or cache is allocated, so that a corrupt or hostile
/// configuration (`num_hidden_layers: 2147483648`) is an error naming the key rather than an
/// allocation of gigabytes. The bounds are far above every released model.
enum ConfigurationLimits {
    /// `vocab_size`: ids must fit a `TokenID`, and no tokenizer comes near 2^24 entries.
    static let vocabularySize = 1 << 24
    /// `hidden_size`, `intermediate_size`, `moe_intermediate_size`, LoRA ranks.
    static let width = 1 << 20
    /// `num_hidden_layers`.
    static let layers = 1 << 12
    /// `num_attention_heads`, `num_key_value_heads`.
    static let heads = 1 << 12
    /// `head_dim` and the MLA head sizes.
    static let headDimension = 1 << 12
    /// Routed and shared expert counts, groups, experts per token.
    static let experts = 1 << 16
    /// `max_position_embeddings`, `sliding_window`, RoPE context lengths.
    static let positions = 1 << 30
    /// `quantization_config.weight_block_size` entries.
    static let blockSize = 1 << 16
}
