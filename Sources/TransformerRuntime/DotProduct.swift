/// Inner products of a weight row with an f32 vector, for each weight encoding.
///
/// There are two kinds of kernels. The vector kernels use explicit 4-wide `SIMD` code that
/// compiles to plain SSE2/NEON instructions: optimized, they stream bf16 weights 2-4× faster
/// than scalar loops. Unoptimized (debug) builds, which the test suite uses, run generic `SIMD`
/// operations through witness tables and are then ~20× slower than the scalar loops, so debug
/// builds pick the scalar kernels. Both kinds are tested against each other.
enum DotProduct {
    #if DEBUG
    /// Whether matrix products use the vector kernels (false in debug builds).
    static let usesVectorKernels = false
    #else
    /// Whether matrix products use the vector kernels (false in debug builds).
    static let usesVectorKernels = true
    #endif

    /// `Σ a[i]·b[i]` over f32 rows with the kernel the build uses (vector when optimized).
    @inline(__always)
    static func best(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        usesVectorKernels ? float32Vector(a, b, count: count) : float32(a, b, count: count)
    }

    /// `Σ a[i]·b[i]` over f32 rows, 4-wide.
    @inline(__always)
    static func float32Vector(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        let rawA = UnsafeRawPointer(a)
        let rawB = UnsafeRawPointer(b)
        var s0 = SIMD4<Float>(), s1 = SIMD4<Float>(), s2 = SIMD4<Float>(), s3 = SIMD4<Float>()
        var i = 0
        while i &+ 16 <= count {
            let offset = i &* 4
            s0 += rawA.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
            s1 += rawA.loadUnaligned(fromByteOffset: offset &+ 16, as: SIMD4<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: offset &+ 16, as: SIMD4<Float>.self)
            s2 += rawA.loadUnaligned(fromByteOffset: offset &+ 32, as: SIMD4<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: offset &+ 32, as: SIMD4<Float>.self)
            s3 += rawA.loadUnaligned(fromByteOffset: offset &+ 48, as: SIMD4<Float>.self)
                * rawB.loadUnaligned(fromByteOffset: offset &+ 48, as: SIMD4<Float>.self)
            i &+= 16
        }
        var sum = ((s0 + s1) + (s2 + s3)).sum()
        while i < count {
            sum += a[i] * b[i]
            i &+= 1
        }
        return sum
    }

    /// `Σ a[i]·b[i]` where `a` holds an even number of bfloat16 bit patterns and `b` is given
    /// de-interleaved: `even[k] = b[2k]`, `odd[k] = b[2k+1]`, 4-wide.
    ///
    /// Each 32-bit word of `a` holds two bf16 values: the even element in its low half (which
    /// becomes an f32 by a shift left of 16) and the odd one in its high half (by masking the low
    /// half off), so widening costs one instruction per four values.
    @inline(__always)
    static func bfloat16Vector(
        _ a: UnsafePointer<UInt16>, even: UnsafePointer<Float>, odd: UnsafePointer<Float>, count: Int
    ) -> Float {
        let words = UnsafeRawPointer(a)
        let rawEven = UnsafeRawPointer(even)
        let rawOdd = UnsafeRawPointer(odd)
        let highHalf = SIMD4<UInt32>(repeating: 0xFFFF_0000)
        var e0 = SIMD4<Float>(), o0 = SIMD4<Float>(), e1 = SIMD4<Float>(), o1 = SIMD4<Float>()
        let pairs = count / 2
        var k = 0
        while k &+ 8 <= pairs {
            let w0 = words.loadUnaligned(fromByteOffset: k &* 4, as: SIMD4<UInt32>.self)
            let w1 = words.loadUnaligned(fromByteOffset: k &* 4 &+ 16, as: SIMD4<UInt32>.self)
            e0 += unsafeBitCast(w0 &<< 16, to: SIMD4<Float>.self)
                * rawEven.loadUnaligned(fromByteOffset: k &* 4, as: SIMD4<Float>.self)
            o0 += unsafeBitCast(w0 & highHalf, to: SIMD4<Float>.self)
                * rawOdd.loadUnaligned(fromByteOffset: k &* 4, as: SIMD4<Float>.self)
            e1 += unsafeBitCast(w1 &<< 16, to: SIMD4<Float>.self)
                * rawEven.loadUnaligned(fromByteOffset: k &* 4 &+ 16, as: SIMD4<Float>.self)
            o1 += unsafeBitCast(w1 & highHalf, to: SIMD4<Float>.self)
                * rawOdd.loadUnaligned(fromByteOffset: k &* 4 &+ 16, as: SIMD4<Float>.self)
            k &+= 8
        }
        var sum = ((e0 + e1) + (o0 + o1)).sum()
        while k < pairs {
            sum += Float(bitPattern: UInt32(a[2 &* k]) &<< 16) * even[k]
            sum += Float(bitPattern: UInt32(a[2 &* k &+ 1]) &<< 16) * odd[k]
            k &+= 1
        }
        return sum
    }

    /// `Σ a[i]·b[i]` over f32 rows, scalar.
    @inline(__always)
    static func float32(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
        var i = 0
        while i &+ 4 <= count {
            s0 += a[i] * b[i]
            s1 += a[i &+ 1] * b[i &+ 1]
            s2 += a[i &+ 2] * b[i &+ 2]
            s3 += a[i &+ 3] * b[i &+ 3]
            i &+= 4
        }
        var sum = (s0 + s1) + (s2 + s3)
        while i < count {
            sum += a[i] * b[i]
            i &+= 1
        }
        return sum
    }

    /// `Σ a[i]·b[i]` where `a` holds bfloat16 bit patterns, scalar.
    @inline(__always)
    static func bfloat16(_ a: UnsafePointer<UInt16>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
        var i = 0
        while i &+ 4 <= count {
            s0 += Float(bitPattern: UInt32(a[i]) &<< 16) * b[i]
            s1 += Float(bitPattern: UInt32(a[i &+ 1]) &<< 16) * b[i &+ 1]
            s2 += Float(bitPattern: UInt32(a[i &+ 2]) &<< 16) * b[i &+ 2]
            s3 += Float(bitPattern: UInt32(a[i &+ 3]) &<< 16) * b[i &+ 3]
            i &+= 4
        }
        var sum = (s0 + s1) + (s2 + s3)
        while i < count {
            sum += Float(bitPattern: UInt32(a[i]) &<< 16) * b[i]
            i &+= 1
        }
        return sum
    }

    /// `Σ a[i]·b[i]` where `a` is one MXFP4 row: `count/32` blocks of 16 bytes (two E2M1 codes
    /// per byte, low nibble first) and one E8M0 scale byte per block.
    @inline(__always)
    static func mxfp4(
        blocks: UnsafePointer<UInt8>, scales: UnsafePointer<UInt8>, _ b: UnsafePointer<Float>, count: Int
    ) -> Float {
        MXFP4.codeValues.withUnsafeBufferPointer { table in
            let values = table.baseAddress!
            var total: Float = 0
            for block in 0..<(count / MXFP4.blockSize) {
                let codes = blocks + block &* 16
                let x = b + block &* MXFP4.blockSize
                var even: Float = 0, odd: Float = 0
                for j in 0..<16 {
                    let byte = Int(codes[j])
                    even += values[byte & 15] * x[2 &* j]
                    odd += values[byte &>> 4] * x[2 &* j &+ 1]
                }
                total += (even + odd) * MXFP4.scale(scales[block])
            }
            return total
        }
    }

    /// The MXFP4 row product, 4-wide: each byte is looked up as a pair of values, four bytes
    /// make two 4-wide vectors, and each block's sum is scaled once.
    @inline(__always)
    static func mxfp4Vector(
        blocks: UnsafePointer<UInt8>, scales: UnsafePointer<UInt8>, _ b: UnsafePointer<Float>, count: Int
    ) -> Float {
        MXFP4.pairTable.withUnsafeBufferPointer { table in
            let pairs = table.baseAddress!
            let rawB = UnsafeRawPointer(b)
            var total = SIMD4<Float>()
            for block in 0..<(count / MXFP4.blockSize) {
                let codes = blocks + block &* 16
                let base = block &* MXFP4.blockSize &* 4
                var s0 = SIMD4<Float>(), s1 = SIMD4<Float>()
                var j = 0
                while j < 16 {
                    let p0 = pairs[Int(codes[j])], p1 = pairs[Int(codes[j &+ 1])]
                    let p2 = pairs[Int(codes[j &+ 2])], p3 = pairs[Int(codes[j &+ 3])]
                    s0 += SIMD4(p0.x, p0.y, p1.x, p1.y)
                        * rawB.loadUnaligned(fromByteOffset: base &+ j &* 8, as: SIMD4<Float>.self)
                    s1 += SIMD4(p2.x, p2.y, p3.x, p3.y)
                        * rawB.loadUnaligned(fromByteOffset: base &+ j &* 8 &+ 16, as: SIMD4<Float>.self)
                    j &+= 4
                }
                total += (s0 + s1) * MXFP4.scale(scales[block])
            }
            return total.sum()
        }
    }
}
