/// DeepSeek's multi-head latent attention (MLA), computed from a latent key-value cache.
///
/// Each token's `kv_a_proj_with_mqa` output is split into a latent `c` (RMS-normalised) and one
/// rotary key `k_pe` shared by all heads; the cache keeps only `[c, k_pe]`. Head `h`'s key is
/// `[W_UK,h·c, k_pe]` and its value `W_UV,h·c`, where `W_UK,h` and `W_UV,h` are the head's
/// rows of `kv_b_proj`. Instead of expanding every cached latent, the query is folded into the
/// latent space (`W_UK,hᵀ·q_nope`), scores are dot products with the cached rows, the
/// probabilities mix latents, and `W_UV,h` is applied once per query ("absorbed" attention: the
/// same result as transformers' expansion, rounded differently).
struct LatentAttention: Sendable {
    /// `q_a_proj [q_lora_rank, hidden]`, or nil when queries come from `q_proj` directly.
    let queryDown: WeightMatrix?
    let queryDownBias: [Float]?
    /// `q_a_layernorm`.
    let queryNorm: [Float]?
    /// `q_b_proj [heads·(nope+rope), q_lora_rank]`, or `q_proj [heads·(nope+rope), hidden]`.
    let queryUp: WeightMatrix
    /// `kv_a_proj_with_mqa [kv_lora_rank + rope, hidden]`.
    let keyValueDown: WeightMatrix
    let keyValueDownBias: [Float]?
    /// `kv_a_layernorm`.
    let keyValueNorm: [Float]
    /// `kv_b_proj [heads·(nope+v), kv_lora_rank]`, head-major: `nope` key rows, then `v` value rows.
    let keyValueUp: WeightMatrix
    /// `o_proj [hidden, heads·v]`.
    let output: WeightMatrix
    let outputBias: [Float]?
    let headCount: Int
    let dimensions: LatentAttentionDimensions

    /// The epsilon of `q_a_layernorm` and `kv_a_layernorm`, which transformers builds without
    /// passing `rms_norm_eps`.
    static let latentNormEpsilon: Float = 1e-6

    /// Bytes of weights one token reads.
    var byteCount: Int {
        (queryDown?.byteCount ?? 0) + queryUp.byteCount + keyValueDown.byteCount + keyValueUp.byteCount
            + output.byteCount
    }

    /// Attends `count` normalised rows of `x` (positions `startPosition ...`) to the cache and
    /// themselves, appends their latents to `cache`, and returns the output projection.
    func callAsFunction(
        _ x: [Float], count: Int, startPosition: Int, rope: RopeTable,
        cache: inout KeyValueCache.Layer, parallelism: Parallelism
    ) -> [Float] {
        let heads = headCount
        let nope = dimensions.nopeHeadDimension
        let ropeWidth = dimensions.ropeHeadDimension
        let valueWidth = dimensions.valueHeadDimension
        let rank = dimensions.keyValueRank
        let queryWidth = nope + ropeWidth
        let width = dimensions.cachedWidth
        let interleaved = dimensions.interleavedRope

        var q: [Float]
        if let queryDown, let queryNorm {
            let compressed = LanguageModel.rmsNormRows(
                queryDown.multiply(x, bias: queryDownBias, parallelism: parallelism),
                weight: queryNorm, epsilon: Self.latentNormEpsilon)
            q = queryUp.multiply(compressed, parallelism: parallelism)
        } else {
            q = queryUp.multiply(x, parallelism: parallelism)
        }
        var latents = keyValueDown.multiply(x, bias: keyValueDownBias, parallelism: parallelism)
        latents.withUnsafeMutableBufferPointer { buffer in
            keyValueNorm.withUnsafeBufferPointer { norm in
                for t in 0..<count {
                    let row = buffer.baseAddress! + t * width
                    VectorMath.rmsNorm(row, weight: norm.baseAddress!, count: rank, epsilon: Self.latentNormEpsilon)
                    rope.rotate(row + rank, row: t, interleaved: interleaved)
                }
            }
        }
        cache.keys.append(contentsOf: latents)
        q.withUnsafeMutableBufferPointer { buffer in
            for t in 0..<count {
                for h in 0..<heads {
                    rope.rotate(buffer.baseAddress! + (t * heads + h) * queryWidth + nope, row: t, interleaved: interleaved)
                }
            }
        }

        // Queries in the cache's space, [count, heads, rank + rope]: W_UK,hᵀ·q_nope, then q_pe.
        var absorbed = [Float](repeating: 0, count: count * heads * width)
        q.withUnsafeBufferPointer { qBuffer in
            absorbed.withUnsafeMutableBufferPointer { aBuffer in
                let queries = SendableConstPointer(qBuffer.baseAddress!)
                let out = SendablePointer(aBuffer.baseAddress!)
                parallelism.forEachRange(count: heads, workPerItem: nope * rank * count) { range in
                    for h in range {
                        let keyRows = keyValueUp.rows(h * (nope + valueWidth) ..< h * (nope + valueWidth) + nope)
                        keyRows.accumulateTransposed(
                            queries.pointer + h * queryWidth, inputStride: heads * queryWidth, count: count,
                            into: out.pointer + h * width, outputStride: heads * width)
                        for t in 0..<count {
                            (out.pointer + (t * heads + h) * width + rank)
                                .update(from: queries.pointer + (t * heads + h) * queryWidth + nope, count: ropeWidth)
                        }
                    }
                }
            }
        }

        // Attention over the cached rows; the mixed latents are head-major, [heads, count, rank].
        var mixed = [Float](repeating: 0, count: heads * count * rank)
        let scale = dimensions.softmaxScale
        let firstStored = cache.firstPosition
        absorbed.withUnsafeBufferPointer { aBuffer in
        cache.keys.withUnsafeBufferPointer { cacheBuffer in
        mixed.withUnsafeMutableBufferPointer { mBuffer in
            let queries = SendableConstPointer(aBuffer.baseAddress!)
            let rows = SendableConstPointer(cacheBuffer.baseAddress!)
            let out = SendablePointer(mBuffer.baseAddress!)
            let longestSpan = startPosition + count - firstStored
            parallelism.forEachRange(count: count * heads, workPerItem: 2 * width * longestSpan) { items in
                withUnsafeTemporaryAllocation(of: Float.self, capacity: longestSpan) { scoreBuffer in
                    let scores = scoreBuffer.baseAddress!
                    for item in items {
                        let t = item / heads
                        let h = item % heads
                        let span = startPosition + t - firstStored + 1
                        let query = queries.pointer + item * width
                        for j in 0..<span {
                            scores[j] = DotProduct.best(query, rows.pointer + j * width, count: width) * scale
                        }
                        VectorMath.softmax(scores, count: span)
                        let o = out.pointer + (h * count + t) * rank
                        for j in 0..<span {
                            VectorMath.addScaled(o, scores[j], rows.pointer + j * width, count: rank)
                        }
                    }
                }
            }
        }
        }
        }

        // Each head's values: W_UV,h applied to its mixed latents, into [count, heads·v].
        var attended = [Float](repeating: 0, count: count * heads * valueWidth)
        mixed.withUnsafeBufferPointer { mBuffer in
            attended.withUnsafeMutableBufferPointer { oBuffer in
                let latentsByHead = SendableConstPointer(mBuffer.baseAddress!)
                let out = SendablePointer(oBuffer.baseAddress!)
                parallelism.forEachRange(count: heads, workPerItem: valueWidth * rank * count) { range in
                    withUnsafeTemporaryAllocation(of: Float.self, capacity: count * valueWidth) { scratch in
                        for h in range {
                            let valueRows = keyValueUp.rows(h * (nope + valueWidth) + nope ..< (h + 1) * (nope + valueWidth))
                            valueRows.multiply(
                                latentsByHead.pointer + h * count * rank, count: count, bias: nil,
                                into: scratch.baseAddress!, parallelism: .serial)
                            for t in 0..<count {
                                (out.pointer + (t * heads + h) * valueWidth)
                                    .update(from: scratch.baseAddress! + t * valueWidth, count: valueWidth)
                            }
                        }
                    }
                }
            }
        }
        return output.multiply(attended, bias: outputBias, parallelism: parallelism)
    }
}
