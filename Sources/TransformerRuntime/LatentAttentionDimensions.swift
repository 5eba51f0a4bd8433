/// The sizes of DeepSeek's multi-head latent attention (MLA), in which keys and values are
/// computed from a compressed per-token latent that is all the cache stores.
public struct LatentAttentionDimensions: Sendable, Equatable {
    /// `q_lora_rank`: the width of the compressed query (nil: queries come from `q_proj` directly).
    public var queryRank: Int?
    /// `kv_lora_rank`: the width of the cached key/value latent.
    public var keyValueRank: Int
    /// `qk_nope_head_dim`: the part of each query/key head without rotary embedding.
    public var nopeHeadDimension: Int
    /// `qk_rope_head_dim`: the rotary part of each query head, and the width of the one rotary
    /// key all heads share.
    public var ropeHeadDimension: Int
    /// `v_head_dim`: the size of each value head.
    public var valueHeadDimension: Int
    /// `rope_interleave`: rotary pairs are adjacent elements `(2i, 2i+1)` rather than `(i, i + d/2)`.
    public var interleavedRope: Bool
    /// The softmax scale: `(nope + rope)^-½`, times `m²` with `m = 0.1·mscale_all_dim·ln(factor) + 1`
    /// under YaRN scaling.
    public var softmaxScale: Float

    /// Creates latent attention dimensions.
    public init(
        queryRank: Int?, keyValueRank: Int, nopeHeadDimension: Int, ropeHeadDimension: Int,
        valueHeadDimension: Int, interleavedRope: Bool, softmaxScale: Float
    ) {
        self.queryRank = queryRank
        self.keyValueRank = keyValueRank
        self.nopeHeadDimension = nopeHeadDimension
        self.ropeHeadDimension = ropeHeadDimension
        self.valueHeadDimension = valueHeadDimension
        self.interleavedRope = interleavedRope
        self.softmaxScale = softmaxScale
    }

    /// The size of one query/key head (`nope + rope`).
    public var queryKeyHeadDimension: Int { nopeHeadDimension + ropeHeadDimension }

    /// Floats one token adds to one layer's cache: the latent and the shared rotary key.
    public var cachedWidth: Int { keyValueRank + ropeHeadDimension }
}
