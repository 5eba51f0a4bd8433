/// The dense SwiGLU feed-forward layer of Qwen3: `down(silu(gate·x) ⊙ up·x)`, without biases.
struct GatedFeedForward: Sendable {
    let gate: WeightMatrix
    let up: WeightMatrix
    let down: WeightMatrix

    /// Applies the layer to `x` (rows of the hidden size).
    func callAsFunction(_ x: [Float], parallelism: Parallelism) -> [Float] {
        var hidden = gate.multiply(x, parallelism: parallelism)
        let linear = up.multiply(x, parallelism: parallelism)
        for i in hidden.indices {
            hidden[i] = VectorMath.silu(hidden[i]) * linear[i]
        }
        return down.multiply(hidden, parallelism: parallelism)
    }
}
