/// How rotary position embeddings are scaled beyond the base frequencies.
public enum RopeScaling: Sendable, Equatable {
    /// Plain RoPE: `inv_freq[i] = 1 / θ^(2i/d)`.
    case none
    /// YaRN: a per-dimension blend of the original and the `factor`-interpolated frequencies,
    /// and cos/sin multiplied by an attention factor.
    case yarn(YarnParameters)

    /// The parameters of YaRN scaling, with the defaults transformers applies.
    public struct YarnParameters: Sendable, Equatable {
        /// The context extension factor.
        public var factor: Double
        /// The context length the model was pretrained with.
        public var originalMaxPositionEmbeddings: Int
        /// Rotations bounding the extrapolated (unchanged) dimensions; default 32.
        public var betaFast: Double
        /// Rotations bounding the interpolated dimensions; default 1.
        public var betaSlow: Double
        /// Whether the correction range is rounded outwards to whole dimensions; default true.
        public var truncate: Bool
        /// An explicit cos/sin multiplier; when nil it is derived from `factor` (and `mscale`s).
        public var attentionFactor: Double?
        /// DeepSeek-style numerator of the derived attention factor.
        public var mscale: Double?
        /// DeepSeek-style denominator of the derived attention factor.
        public var mscaleAllDim: Double?

        /// Creates YaRN parameters; unspecified values take transformers' defaults.
        public init(
            factor: Double, originalMaxPositionEmbeddings: Int, betaFast: Double = 32, betaSlow: Double = 1,
            truncate: Bool = true, attentionFactor: Double? = nil, mscale: Double? = nil, mscaleAllDim: Double? = nil
        ) {
            self.factor = factor
            self.originalMaxPositionEmbeddings = originalMaxPositionEmbeddings
            self.betaFast = betaFast
            self.betaSlow = betaSlow
            self.truncate = truncate
            self.attentionFactor = attentionFactor
            self.mscale = mscale
            self.mscaleAllDim = mscaleAllDim
        }
    }
}
