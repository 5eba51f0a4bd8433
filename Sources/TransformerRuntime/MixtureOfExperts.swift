/// A mixture-of-experts feed-forward layer: a router picks `k` experts per row, their outputs
/// are summed with the router's weights, and shared experts (DeepSeek-V3) are added for every row.
///
/// Rows routed to the same expert are multiplied together, so a prompt runs each expert once
/// as a matrix product over its rows.
struct MixtureOfExperts: Sendable {
    /// One routed expert.
    enum Expert: Sendable {
        /// Qwen3-MoE and DeepSeek-V3.
        case swiGLU(GatedFeedForward)
        /// gpt-oss.
        case clampedSwiGLU(ClampedSwiGLUExpert)

        func callAsFunction(_ x: [Float], parallelism: Parallelism) -> [Float] {
            switch self {
            case .swiGLU(let network): network(x, parallelism: parallelism)
            case .clampedSwiGLU(let network): network(x, parallelism: parallelism)
            }
        }

        var byteCount: Int {
            switch self {
            case .swiGLU(let network): network.byteCount
            case .clampedSwiGLU(let network): network.byteCount
            }
        }
    }

    let router: ExpertRouter
    let experts: [Expert]
    /// Applied to every row and added (DeepSeek-V3's `shared_experts`).
    let shared: GatedFeedForward?

    /// Bytes of weights one token reads: the router, `k` experts and the shared experts.
    var bytesPerToken: Int {
        router.weight.byteCount + router.expertsPerToken * (experts.first?.byteCount ?? 0) + (shared?.byteCount ?? 0)
    }

    /// Applies the layer to `count` rows of `x` (rows of the hidden size).
    func callAsFunction(_ x: [Float], count: Int, parallelism: Parallelism) -> [Float] {
        let hiddenSize = router.weight.columns
        let routes = router.route(x, count: count, parallelism: parallelism)
        // For each expert, the rows routed to it and their weights.
        var assignedRows = [[Int]](repeating: [], count: experts.count)
        var assignedWeights = [[Float]](repeating: [], count: experts.count)
        for (t, choices) in routes.enumerated() {
            for choice in choices {
                assignedRows[choice.expert].append(t)
                assignedWeights[choice.expert].append(choice.weight)
            }
        }
        var result = [Float](repeating: 0, count: count * hiddenSize)
        for expert in experts.indices where !assignedRows[expert].isEmpty {
            let rows = assignedRows[expert]
            var gathered = [Float]()
            gathered.reserveCapacity(rows.count * hiddenSize)
            for t in rows { gathered.append(contentsOf: x[t * hiddenSize ..< (t + 1) * hiddenSize]) }
            let output = experts[expert](gathered, parallelism: parallelism)
            for (r, t) in rows.enumerated() {
                let weight = assignedWeights[expert][r]
                for i in 0..<hiddenSize {
                    result[t * hiddenSize + i] += output[r * hiddenSize + i] * weight
                }
            }
        }
        if let shared {
            let common = shared(x, parallelism: parallelism)
            for i in result.indices { result[i] += common[i] }
        }
        return result
    }
}
