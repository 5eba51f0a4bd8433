/// The mixture-of-experts layer of gpt-oss.
///
/// A router (`W·x + b`) scores every expert; the top `k` scores are softmaxed into weights
/// (top-k first, then softmax over those k). Each chosen expert computes
/// `gu = W_gu·x + b_gu`, splits it interleaved (`gate = gu[0::2]`, `up = gu[1::2]`), clamps
/// (`gate ≤ limit`, `|up| ≤ limit`), and returns `W_down·((up + 1)·gate·σ(α·gate)) + b_down`.
struct ExpertFeedForward: Sendable {
    let router: WeightMatrix
    let routerBias: [Float]
    /// Per expert: `[2·intermediate, hidden]`, gate rows at even indices and up rows at odd.
    let gateUp: [WeightMatrix]
    /// Per expert: `2·intermediate` values.
    let gateUpBias: [[Float]]
    /// Per expert: `[hidden, intermediate]`.
    let down: [WeightMatrix]
    /// Per expert: `hidden` values.
    let downBias: [[Float]]
    let expertsPerToken: Int
    let limit: Float
    let alpha: Float

    /// Applies the layer to `count` rows of `x` (rows of the hidden size).
    func callAsFunction(_ x: [Float], count: Int, parallelism: Parallelism) -> [Float] {
        let hiddenSize = router.columns
        let expertCount = router.rows
        let scores = router.multiply(x, bias: routerBias, parallelism: parallelism)
        // For each expert, the rows routed to it and their weights.
        var assignedRows = [[Int]](repeating: [], count: expertCount)
        var assignedWeights = [[Float]](repeating: [], count: expertCount)
        scores.withUnsafeBufferPointer { buffer in
            for t in 0..<count {
                let row = buffer.baseAddress! + t * expertCount
                let chosen = VectorMath.topK(row, count: expertCount, k: expertsPerToken)
                let weights = VectorMath.softmax(chosen.map { row[$0] })
                for (expert, weight) in zip(chosen, weights) {
                    assignedRows[expert].append(t)
                    assignedWeights[expert].append(weight)
                }
            }
        }
        var result = [Float](repeating: 0, count: count * hiddenSize)
        for expert in 0..<expertCount where !assignedRows[expert].isEmpty {
            let rows = assignedRows[expert]
            var gathered = [Float]()
            gathered.reserveCapacity(rows.count * hiddenSize)
            for t in rows { gathered.append(contentsOf: x[t * hiddenSize ..< (t + 1) * hiddenSize]) }
            let projected = gateUp[expert].multiply(gathered, bias: gateUpBias[expert], parallelism: parallelism)
            let intermediate = projected.count / rows.count / 2
            var activated = [Float](repeating: 0, count: rows.count * intermediate)
            for r in 0..<rows.count {
                for i in 0..<intermediate {
                    let gate = min(projected[r * 2 * intermediate + 2 * i], limit)
                    let up = min(max(projected[r * 2 * intermediate + 2 * i + 1], -limit), limit)
                    activated[r * intermediate + i] = (up + 1) * (gate * VectorMath.sigmoid(gate * alpha))
                }
            }
            let output = down[expert].multiply(activated, bias: downBias[expert], parallelism: parallelism)
            for (r, t) in rows.enumerated() {
                let weight = assignedWeights[expert][r]
                for i in 0..<hiddenSize {
                    result[t * hiddenSize + i] += output[r * hiddenSize + i] * weight
                }
            }
        }
        return result
    }
}
