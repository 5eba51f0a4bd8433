/// The router of a mixture-of-experts layer: it scores every expert for each input row and picks
/// the experts the row uses, with their weights, as the architecture's `ExpertRouting` says.
/// Scores and weights are computed in f32, as transformers does.
struct ExpertRouter: Sendable {
    /// `[experts, hidden]`.
    let weight: WeightMatrix
    /// Added to the logits (gpt-oss's router bias).
    let bias: [Float]?
    /// Added to the scores only to choose experts (DeepSeek-V3's `e_score_correction_bias`).
    let selectionBias: [Float]?
    let routing: ExpertRouting
    let expertsPerToken: Int

    /// One chosen expert of one row.
    struct Choice: Equatable {
        let expert: Int
        let weight: Float
    }

    var expertCount: Int { weight.rows }

    /// The experts each of `count` rows of `x` uses, with their weights.
    func route(_ x: [Float], count: Int, parallelism: Parallelism) -> [[Choice]] {
        let logits = weight.multiply(x, bias: bias, parallelism: parallelism)
        return logits.withUnsafeBufferPointer { buffer in
            (0..<count).map { choose(logits: buffer.baseAddress! + $0 * expertCount) }
        }
    }

    /// The experts one row of router logits selects, in the order the routing ranks them.
    func choose(logits: UnsafePointer<Float>) -> [Choice] {
        let experts = expertCount
        let k = expertsPerToken
        switch routing {
        case .none:
            return []
        case .softmaxOverTopK:
            let chosen = VectorMath.topK(logits, count: experts, k: k)
            let weights = VectorMath.softmax(chosen.map { logits[$0] })
            return zip(chosen, weights).map { Choice(expert: $0, weight: $1) }
        case .topKOfSoftmax(let normalized):
            let probabilities = VectorMath.softmax(Array(UnsafeBufferPointer(start: logits, count: experts)))
            let chosen = VectorMath.topK(probabilities, k: k)
            var weights = chosen.map { probabilities[$0] }
            if normalized {
                let total = weights.reduce(0, +)
                weights = weights.map { $0 / total }
            }
            return zip(chosen, weights).map { Choice(expert: $0, weight: $1) }
        case .groupLimitedSigmoid(let groups):
            let scores = (0..<experts).map { VectorMath.sigmoid(logits[$0]) }
            let biased = selectionBias.map { bias in zip(scores, bias).map { $0 + $1 } } ?? scores
            let groupSize = experts / groups.groupCount
            // A group ranks by the sum of its two best biased scores.
            let groupScores = (0..<groups.groupCount).map { group -> Float in
                let members = Array(biased[group * groupSize ..< (group + 1) * groupSize])
                return VectorMath.topK(members, k: 2).reduce(0) { $0 + members[$1] }
            }
            var eligible = [Float](repeating: -.infinity, count: experts)
            for group in VectorMath.topK(groupScores, k: groups.groupsPerToken) {
                for expert in group * groupSize ..< (group + 1) * groupSize { eligible[expert] = biased[expert] }
            }
            let chosen = VectorMath.topK(eligible, k: k)
            var weights = chosen.map { scores[$0] }
            if groups.normalized {
                let denominator = weights.reduce(0, +) + 1e-20
                weights = weights.map { $0 / denominator }
            }
            return zip(chosen, weights).map { Choice(expert: $0, weight: $1 * groups.scalingFactor) }
        }
    }
}
