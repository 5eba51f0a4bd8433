/// The SwiGLU feed-forward network `down(silu(gate·x) ⊙ up·x)`, without biases: the dense layers
/// of Qwen3 and DeepSeek-V3, and every expert (shared ones included) of Qwen3-MoE and DeepSeek-V3.
struct GatedFeedForward: Sendable {
    let gate: WeightMatrix
    let up: WeightMatrix
    let down: WeightMatrix

    /// Bytes of weights one token reads.
    var byteCount: Int { gate.byteCount + up.byteCount + down.byteCount }

    /// Applies the network to `x` (rows of the hidden size).
    func callAsFunction(_ x: [Float], parallelism: Parallelism) -> [Float] {
        var hidden = gate.multiply(x, parallelism: parallelism)
        let linear = up.multiply(x, parallelism: parallelism)
        for i in hidden.indices {
            hidden[i] = VectorMath.silu(hidden[i]) * linear[i]
        }
        return down.multiply(hidden, parallelism: parallelism)
    }
}
