/// The register-blocked kernel of batched matrix products: a panel of up to `panelRows` f32
/// weight rows against several input rows.
extension DotProduct {
    /// Weight rows per panel.
    static let panelRows = 4

    /// `output[t·outputStride + r] = Σ_c weights[r·columns + c] · inputs[t·columns + c] + bias[r]`
    /// for `r < rowCount` and `t < inputCount`.
    ///
    /// Four rows and two inputs run together (eight 4-wide accumulators, all in registers), so
    /// each load of a weight vector serves two inputs and each input vector four rows.
    static func panel(
        _ weights: UnsafePointer<Float>, rowCount: Int, columns: Int,
        inputs: UnsafePointer<Float>, inputCount: Int,
        into output: UnsafeMutablePointer<Float>, outputStride: Int, bias: UnsafePointer<Float>?
    ) {
        var t = 0
        if usesVectorKernels && rowCount == 4 {
            while t &+ 2 <= inputCount {
                let (first, second) = fourRowsTwoInputs(
                    weights, columns: columns, inputs + t &* columns, inputs + (t &+ 1) &* columns)
                for r in 0..<4 {
                    output[t &* outputStride &+ r] = first[r] + (bias?[r] ?? 0)
                    output[(t &+ 1) &* outputStride &+ r] = second[r] + (bias?[r] ?? 0)
                }
                t &+= 2
            }
        }
        while t < inputCount {
            let x = inputs + t &* columns
            for r in 0..<rowCount {
                let row = weights + r &* columns
                let sum = usesVectorKernels ? float32Vector(row, x, count: columns) : float32(row, x, count: columns)
                output[t &* outputStride &+ r] = sum + (bias?[r] ?? 0)
            }
            t &+= 1
        }
    }

    /// The sums of four consecutive weight rows with two input rows.
    @inline(__always)
    static func fourRowsTwoInputs(
        _ w: UnsafePointer<Float>, columns: Int, _ x: UnsafePointer<Float>, _ z: UnsafePointer<Float>
    ) -> (SIMD4<Float>, SIMD4<Float>) {
        let w0 = UnsafeRawPointer(w)
        let w1 = w0 + columns &* 4, w2 = w1 + columns &* 4, w3 = w2 + columns &* 4
        let rx = UnsafeRawPointer(x), rz = UnsafeRawPointer(z)
        var a0 = SIMD4<Float>(), a1 = SIMD4<Float>(), a2 = SIMD4<Float>(), a3 = SIMD4<Float>()
        var b0 = SIMD4<Float>(), b1 = SIMD4<Float>(), b2 = SIMD4<Float>(), b3 = SIMD4<Float>()
        var offset = 0
        let end = (columns & ~3) &* 4
        while offset < end {
            let u = rx.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
            let v = rz.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
            let c0 = w0.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
            a0 += c0 * u
            b0 += c0 * v
            let c1 = w1.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
            a1 += c1 * u
            b1 += c1 * v
            let c2 = w2.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
            a2 += c2 * u
            b2 += c2 * v
            let c3 = w3.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
            a3 += c3 * u
            b3 += c3 * v
            offset &+= 16
        }
        var first = SIMD4(a0.sum(), a1.sum(), a2.sum(), a3.sum())
        var second = SIMD4(b0.sum(), b1.sum(), b2.sum(), b3.sum())
        for c in (columns & ~3)..<columns {
            let u = x[c], v = z[c]
            first += SIMD4(w[c], w[columns &+ c], w[2 &* columns &+ c], w[3 &* columns &+ c]) * u
            second += SIMD4(w[c], w[columns &+ c], w[2 &* columns &+ c], w[3 &* columns &+ c]) * v
        }
        return (first, second)
    }
}
