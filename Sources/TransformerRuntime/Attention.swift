/// Multi-head self-attention with grouped-query heads, half-split RoPE and the optional parts
/// the supported architectures use: projection biases, per-head QK RMSNorm (Qwen3), a learned
/// sink logit per head and a sliding window (gpt-oss).
struct Attention: Sendable {
    let query: WeightMatrix
    let key: WeightMatrix
    let value: WeightMatrix
    let output: WeightMatrix
    let queryBias: [Float]?
    let keyBias: [Float]?
    let valueBias: [Float]?
    let outputBias: [Float]?
    /// RMSNorm weights applied to each query / key head before RoPE.
    let queryNorm: [Float]?
    let keyNorm: [Float]?
    /// One logit per query head that joins the softmax without contributing a value.
    let sinks: [Float]?
    let headCount: Int
    let keyValueHeadCount: Int
    let headDimension: Int
    let normEpsilon: Float
    /// Keys visible to a query at position i: `i − window < j ≤ i` (nil: `j ≤ i`).
    let window: Int?

    /// Bytes of weights one token reads.
    var byteCount: Int { query.byteCount + key.byteCount + value.byteCount + output.byteCount }

    /// Attends `count` normalised rows of `x` (positions `cache.tokenCount ...`) to the cache
    /// and themselves, appends their keys and values to `cache`, and returns the output
    /// projection (`count` rows of the hidden size).
    func callAsFunction(
        _ x: [Float], count: Int, startPosition: Int, rope: RopeTable,
        cache: inout KeyValueCache.Layer, parallelism: Parallelism
    ) -> [Float] {
        let d = headDimension
        var q = query.multiply(x, bias: queryBias, parallelism: parallelism)
        var k = key.multiply(x, bias: keyBias, parallelism: parallelism)
        let v = value.multiply(x, bias: valueBias, parallelism: parallelism)
        prepareHeads(&q, headsPerRow: headCount, norm: queryNorm, rope: rope)
        prepareHeads(&k, headsPerRow: keyValueHeadCount, norm: keyNorm, rope: rope)
        cache.keys.append(contentsOf: k)
        cache.values.append(contentsOf: v)

        let groupSize = headCount / keyValueHeadCount
        let scale = Float(1 / Double(d).squareRoot())
        let firstStored = cache.firstPosition
        let kvWidth = cache.keyWidth
        var mixed = [Float](repeating: 0, count: count * headCount * d)
        q.withUnsafeBufferPointer { qBuffer in
        cache.keys.withUnsafeBufferPointer { keyBuffer in
        cache.values.withUnsafeBufferPointer { valueBuffer in
        mixed.withUnsafeMutableBufferPointer { outBuffer in
            let queries = SendableConstPointer(qBuffer.baseAddress!)
            let keys = SendableConstPointer(keyBuffer.baseAddress!)
            let values = SendableConstPointer(valueBuffer.baseAddress!)
            let out = SendablePointer(outBuffer.baseAddress!)
            let longestSpan = startPosition + count - max(firstStored, 0)
            parallelism.forEachRange(count: count * headCount, workPerItem: 2 * d * longestSpan) { items in
                withUnsafeTemporaryAllocation(of: Float.self, capacity: longestSpan) { scoreBuffer in
                    let scores = scoreBuffer.baseAddress!
                    for item in items {
                        let t = item / headCount
                        let h = item % headCount
                        let position = startPosition + t
                        let first = window.map { max(0, position - $0 + 1) } ?? 0
                        let span = position - first + 1
                        let q = queries.pointer + item * d
                        let kvOffset = (h / groupSize) * d
                        var row = (first - firstStored) * kvWidth + kvOffset
                        for j in 0..<span {
                            scores[j] = DotProduct.best(q, keys.pointer + row, count: d) * scale
                            row += kvWidth
                        }
                        VectorMath.softmax(scores, count: span, extraLogit: sinks?[h])
                        let o = out.pointer + item * d
                        row = (first - firstStored) * kvWidth + kvOffset
                        for j in 0..<span {
                            VectorMath.addScaled(o, scores[j], values.pointer + row, count: d)
                            row += kvWidth
                        }
                    }
                }
            }
        }
        }
        }
        }
        return output.multiply(mixed, bias: outputBias, parallelism: parallelism)
    }

    /// Applies the optional per-head RMSNorm, then RoPE, to every head of every row.
    private func prepareHeads(_ x: inout [Float], headsPerRow: Int, norm: [Float]?, rope: RopeTable) {
        let d = headDimension
        let rows = x.count / (headsPerRow * d)
        x.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            for t in 0..<rows {
                for h in 0..<headsPerRow {
                    let head = base + (t * headsPerRow + h) * d
                    if let norm {
                        norm.withUnsafeBufferPointer {
                            VectorMath.rmsNorm(head, weight: $0.baseAddress!, count: d, epsilon: normEpsilon)
                        }
                    }
                    rope.rotate(head, row: t)
                }
            }
        }
    }
}
