/// A row-blocked FP8 kernel for one input: two weight rows share each load of the input, which
/// halves the input reads of wide inputs (DeepSeek-V3's 7168 columns: 28 KB of f32, most of the
/// L1 cache) against the rows' code decoding.
extension DotProduct {
    /// The FP8 products of two rows (each with its own scales) with the input laid out by
    /// `prepareFloat8Input`, as two `float8Vector` calls would give them.
    /// - Precondition: `float8VectorSupports(blockColumns:)`.
    @inline(__always)
    static func float8Vector2(
        codes first: UnsafePointer<UInt8>, _ second: UnsafePointer<UInt8>,
        scales firstScales: UnsafePointer<Float>, _ secondScales: UnsafePointer<Float>, blockColumns: Int,
        streams: UnsafePointer<Float>, _ x: UnsafePointer<Float>, count: Int, table: UnsafePointer<Float>
    ) -> (Float, Float) {
        let raw0 = UnsafeRawPointer(first), raw1 = UnsafeRawPointer(second)
        let stride = float8StreamLength(count) &* 4
        let x0 = UnsafeRawPointer(streams)
        let x1 = x0 + stride, x2 = x1 + stride, x3 = x2 + stride
        var nan0 = SIMD4<Int32>(), nan1 = SIMD4<Int32>()
        var total0: Float = 0, total1: Float = 0
        var start = 0
        var block = 0
        while start < count {
            let end = min(start &+ blockColumns, count)
            var a0 = SIMD4<Float>(), a1 = SIMD4<Float>(), b0 = SIMD4<Float>(), b1 = SIMD4<Float>()
            var i = start
            while i &+ 16 <= end {
                let s0 = x0.loadUnaligned(fromByteOffset: i, as: SIMD4<Float>.self)
                let s1 = x1.loadUnaligned(fromByteOffset: i, as: SIMD4<Float>.self)
                let s2 = x2.loadUnaligned(fromByteOffset: i, as: SIMD4<Float>.self)
                let s3 = x3.loadUnaligned(fromByteOffset: i, as: SIMD4<Float>.self)
                let u = raw0.loadUnaligned(fromByteOffset: i, as: SIMD4<Int32>.self)
                nan0 |= FP8.nanBits(u)
                a0 += FP8.scaledLanes(u, byte: 0) * s0 + FP8.scaledLanes(u, byte: 1) * s1
                a1 += FP8.scaledLanes(u, byte: 2) * s2 + FP8.scaledLanes(u, byte: 3) * s3
                let v = raw1.loadUnaligned(fromByteOffset: i, as: SIMD4<Int32>.self)
                nan1 |= FP8.nanBits(v)
                b0 += FP8.scaledLanes(v, byte: 0) * s0 + FP8.scaledLanes(v, byte: 1) * s1
                b1 += FP8.scaledLanes(v, byte: 2) * s2 + FP8.scaledLanes(v, byte: 3) * s3
                i &+= 16
            }
            var sum0 = (a0 + a1).sum() * 0x1p56
            var sum1 = (b0 + b1).sum() * 0x1p56
            while i < end {
                sum0 += table[Int(first[i])] * x[i]
                sum1 += table[Int(second[i])] * x[i]
                i &+= 1
            }
            total0 += sum0 * firstScales[block]
            total1 += sum1 * secondScales[block]
            start = end
            block &+= 1
        }
        return (nan0 == .zero ? total0 : .nan, nan1 == .zero ? total1 : .nan)
    }
}
