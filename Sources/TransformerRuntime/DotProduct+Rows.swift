/// Row-blocked vector kernels for one input: several weight rows share each load of the input,
/// which keeps wide inputs (DeepSeek-V3's 7168 columns: 28 KB of f32, most of the L1 cache)
/// from being re-read from L2 for every row.
extension DotProduct {
    /// The bf16 products of rows `a`, `a + stride`, `a + 2·stride`, `a + 3·stride` with the input
    /// given de-interleaved as for `bfloat16Vector`.
    @inline(__always)
    static func bfloat16Vector4(
        _ a: UnsafePointer<UInt16>, stride: Int, even: UnsafePointer<Float>, odd: UnsafePointer<Float>, count: Int
    ) -> SIMD4<Float> {
        let r0 = UnsafeRawPointer(a)
        let r1 = r0 + stride &* 2, r2 = r1 + stride &* 2, r3 = r2 + stride &* 2
        let rawEven = UnsafeRawPointer(even)
        let rawOdd = UnsafeRawPointer(odd)
        let highHalf = SIMD4<UInt32>(repeating: 0xFFFF_0000)
        var e0 = SIMD4<Float>(), e1 = SIMD4<Float>(), e2 = SIMD4<Float>(), e3 = SIMD4<Float>()
        var o0 = SIMD4<Float>(), o1 = SIMD4<Float>(), o2 = SIMD4<Float>(), o3 = SIMD4<Float>()
        let pairs = count / 2
        var k = 0
        while k &+ 4 <= pairs {
            let offset = k &* 4
            let xe = rawEven.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
            let xo = rawOdd.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
            let w0 = r0.loadUnaligned(fromByteOffset: offset, as: SIMD4<UInt32>.self)
            e0 += unsafeBitCast(w0 &<< 16, to: SIMD4<Float>.self) * xe
            o0 += unsafeBitCast(w0 & highHalf, to: SIMD4<Float>.self) * xo
            let w1 = r1.loadUnaligned(fromByteOffset: offset, as: SIMD4<UInt32>.self)
            e1 += unsafeBitCast(w1 &<< 16, to: SIMD4<Float>.self) * xe
            o1 += unsafeBitCast(w1 & highHalf, to: SIMD4<Float>.self) * xo
            let w2 = r2.loadUnaligned(fromByteOffset: offset, as: SIMD4<UInt32>.self)
            e2 += unsafeBitCast(w2 &<< 16, to: SIMD4<Float>.self) * xe
            o2 += unsafeBitCast(w2 & highHalf, to: SIMD4<Float>.self) * xo
            let w3 = r3.loadUnaligned(fromByteOffset: offset, as: SIMD4<UInt32>.self)
            e3 += unsafeBitCast(w3 &<< 16, to: SIMD4<Float>.self) * xe
            o3 += unsafeBitCast(w3 & highHalf, to: SIMD4<Float>.self) * xo
            k &+= 4
        }
        var sums = SIMD4((e0 + o0).sum(), (e1 + o1).sum(), (e2 + o2).sum(), (e3 + o3).sum())
        while k < pairs {
            for row in 0..<4 {
                let pair = a + (row &* stride &+ 2 &* k)
                sums[row] += Float(bitPattern: UInt32(pair[0]) &<< 16) * even[k]
                    + Float(bitPattern: UInt32(pair[1]) &<< 16) * odd[k]
            }
            k &+= 1
        }
        return sums
    }

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
