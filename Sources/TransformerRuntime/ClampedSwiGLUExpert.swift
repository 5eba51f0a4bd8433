/// One gpt-oss expert: `gu = W_gu·x + b_gu`, split interleaved (`gate = gu[0::2]`,
/// `up = gu[1::2]`), clamped (`gate ≤ limit`, `|up| ≤ limit`), and
/// `W_down·((up + 1)·gate·σ(α·gate)) + b_down`.
struct ClampedSwiGLUExpert: Sendable {
    /// `[2·intermediate, hidden]`, gate rows at even indices and up rows at odd.
    let gateUp: WeightMatrix
    /// `2·intermediate` values.
    let gateUpBias: [Float]
    /// `[hidden, intermediate]`.
    let down: WeightMatrix
    /// `hidden` values.
    let downBias: [Float]
    let limit: Float
    let alpha: Float

    /// Bytes of weights one token reads.
    var byteCount: Int { gateUp.byteCount + down.byteCount }

    /// Applies the expert to `x` (rows of the hidden size).
    func callAsFunction(_ x: [Float], parallelism: Parallelism) -> [Float] {
        let projected = gateUp.multiply(x, bias: gateUpBias, parallelism: parallelism)
        let intermediate = gateUp.rows / 2
        let count = projected.count / gateUp.rows
        var activated = [Float](repeating: 0, count: count * intermediate)
        for r in 0..<count {
            for i in 0..<intermediate {
                let gate = min(projected[r * 2 * intermediate + 2 * i], limit)
                let up = min(max(projected[r * 2 * intermediate + 2 * i + 1], -limit), limit)
                activated[r * intermediate + i] = (up + 1) * (gate * VectorMath.sigmoid(gate * alpha))
            }
        }
        return down.multiply(activated, bias: downBias, parallelism: parallelism)
    }
}
