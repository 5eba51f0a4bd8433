/// How a mixture-of-experts router turns its scores into the experts a token uses and their
/// weights.
public enum ExpertRouting: Sendable, Equatable {
    /// A dense model: no router.
    case none
    /// gpt-oss: the `k` largest logits (router bias included), then a softmax over those `k`.
    case softmaxOverTopK
    /// Qwen3-MoE: a softmax over all experts, the `k` largest probabilities, renormalised to
    /// sum to 1 when `normalized` (`norm_topk_prob`).
    case topKOfSoftmax(normalized: Bool)
    /// DeepSeek-V3 (`noaux_tc`): sigmoid scores; experts are chosen by score plus the
    /// correction bias within the best groups, and weighted by their unbiased scores.
    case groupLimitedSigmoid(GroupLimited)

    /// The parameters of DeepSeek-V3's group-limited routing.
    public struct GroupLimited: Sendable, Equatable {
        /// `n_group`: experts are split into this many groups of consecutive experts.
        public var groupCount: Int
        /// `topk_group`: only the experts of this many groups (ranked by the sum of their two
        /// best biased scores) can be chosen.
        public var groupsPerToken: Int
        /// `norm_topk_prob`: divide the chosen scores by their sum (plus 1e-20).
        public var normalized: Bool
        /// `routed_scaling_factor`: the weights are multiplied by it (always).
        public var scalingFactor: Float

        /// Creates group-limited routing parameters.
        public init(groupCount: Int, groupsPerToken: Int, normalized: Bool, scalingFactor: Float) {
            self.groupCount = groupCount
            self.groupsPerToken = groupsPerToken
            self.normalized = normalized
            self.scalingFactor = scalingFactor
        }
    }
}
