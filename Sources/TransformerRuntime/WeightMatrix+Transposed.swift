extension WeightMatrix {
    /// `y[t] += Wᵀ·x[t]` for `t < count`: `y[t·outputStride + c] += Σ_r x[t·inputStride + r] · W[r, c]`.
    ///
    /// Each weight row is widened once and added, scaled, to every output row, so the weights
    /// are read once for all inputs. Runs on the calling thread.
    /// - Complexity: O(count · rows · columns).
    func accumulateTransposed(
        _ x: UnsafePointer<Float>, inputStride: Int, count: Int,
        into y: UnsafeMutablePointer<Float>, outputStride: Int
    ) {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: columns) { scratch in
            let row = scratch.baseAddress!
            for r in 0..<rows {
                copyRow(r, into: row)
                for t in 0..<count {
                    VectorMath.addScaled(y + t &* outputStride, x[t &* inputStride &+ r], row, count: columns)
                }
            }
        }
    }
}
