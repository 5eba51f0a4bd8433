/// The FP8 (float8_e4m3fn, block-scaled) kernels.
///
/// The vector kernels decode four codes per 32-bit lane with shifts and a mask (see
/// `FP8.scaledLanes`), which yields `value · 2^−120` in lane order `4j + k` for byte `k`. The dot
/// product therefore reads its input split into four streams `x[k::4]`, pre-multiplied by 2^64
/// (`prepareFloat8Input`), and multiplies each block's sum by 2^56 and the block's scale: powers
/// of two, so the result rounds as `Σ value·x` does (products below ~2^−70 excepted).
extension DotProduct {
    /// The input layout `float8Vector` reads: four streams of `⌈count/4⌉` values, stream `k`
    /// holding `x[4p + k] · 2^64` at position `p` (zero past the end).
    static func prepareFloat8Input(_ x: UnsafePointer<Float>, count: Int, into streams: UnsafeMutablePointer<Float>) {
        let length = float8StreamLength(count)
        streams.initialize(repeating: 0, count: 4 * length)
        for i in 0..<count {
            streams[(i & 3) &* length &+ (i >> 2)] = x[i] * 0x1p64
        }
    }

    /// Values per stream of `prepareFloat8Input`.
    @inline(__always)
    static func float8StreamLength(_ count: Int) -> Int { (count + 3) / 4 }

    /// Whether `float8Vector` can run on blocks of `blockColumns` (their starts must fall on
    /// whole lanes).
    @inline(__always)
    static func float8VectorSupports(blockColumns: Int) -> Bool { blockColumns % 4 == 0 }

    /// `Σ w[i]·x[i]` of one FP8 row, where the row's scales (one per block of `blockColumns`
    /// columns) are `scales[0...]`, scalar.
    @inline(__always)
    static func float8(
        codes: UnsafePointer<UInt8>, scales: UnsafePointer<Float>, blockColumns: Int,
        _ x: UnsafePointer<Float>, count: Int, table: UnsafePointer<Float>
    ) -> Float {
        var total: Float = 0
        var start = 0
        var block = 0
        while start < count {
            let end = min(start &+ blockColumns, count)
            var sum: Float = 0
            for i in start..<end { sum += table[Int(codes[i])] * x[i] }
            total += sum * scales[block]
            start = end
            block &+= 1
        }
        return total
    }

    /// The FP8 row product, 4-wide, reading the input as `prepareFloat8Input` lays it out; `x`
    /// (the plain input) serves the columns of a block past its last whole 16.
    /// - Precondition: `float8VectorSupports(blockColumns:)`.
    @inline(__always)
    static func float8Vector(
        codes: UnsafePointer<UInt8>, scales: UnsafePointer<Float>, blockColumns: Int,
        streams: UnsafePointer<Float>, _ x: UnsafePointer<Float>, count: Int, table: UnsafePointer<Float>
    ) -> Float {
        let raw = UnsafeRawPointer(codes)
        let stride = float8StreamLength(count) &* 4
        let x0 = UnsafeRawPointer(streams)
        let x1 = x0 + stride, x2 = x1 + stride, x3 = x2 + stride
        var nan = SIMD4<Int32>()
        var total: Float = 0
        var start = 0
        var block = 0
        while start < count {
            let end = min(start &+ blockColumns, count)
            var a0 = SIMD4<Float>(), a1 = SIMD4<Float>(), a2 = SIMD4<Float>(), a3 = SIMD4<Float>()
            var i = start
            while i &+ 16 <= end {
                let words = raw.loadUnaligned(fromByteOffset: i, as: SIMD4<Int32>.self)
                nan |= FP8.nanBits(words)
                // Element i + 4j + k sits in stream k at position i/4 + j: byte offset i.
                a0 += FP8.scaledLanes(words, byte: 0) * x0.loadUnaligned(fromByteOffset: i, as: SIMD4<Float>.self)
                a1 += FP8.scaledLanes(words, byte: 1) * x1.loadUnaligned(fromByteOffset: i, as: SIMD4<Float>.self)
                a2 += FP8.scaledLanes(words, byte: 2) * x2.loadUnaligned(fromByteOffset: i, as: SIMD4<Float>.self)
                a3 += FP8.scaledLanes(words, byte: 3) * x3.loadUnaligned(fromByteOffset: i, as: SIMD4<Float>.self)
                i &+= 16
            }
            var sum = ((a0 + a1) + (a2 + a3)).sum() * 0x1p56
            while i < end {
                sum += table[Int(codes[i])] * x[i]
                i &+= 1
            }
            total += sum * scales[block]
            start = end
            block &+= 1
        }
        return nan == .zero ? total : .nan
    }

    /// Writes `count` FP8 codes of one row as f32, each times its block's scale (`value · scale`,
    /// rounded once, as transformers and llama.cpp dequantize). `vector` picks the 4-wide decoder
    /// (the default in optimized builds) or the table.
    static func dequantizeFloat8(
        codes: UnsafePointer<UInt8>, scales: UnsafePointer<Float>, blockColumns: Int,
        count: Int, into output: UnsafeMutablePointer<Float>, vector: Bool = usesVectorKernels
    ) {
        FP8.table.withUnsafeBufferPointer { tablePointer in
            let table = tablePointer.baseAddress!
            let raw = UnsafeRawPointer(codes)
            let out = UnsafeMutableRawPointer(output)
            let vector = vector && float8VectorSupports(blockColumns: blockColumns)
            var start = 0
            var block = 0
            while start < count {
                let end = min(start &+ blockColumns, count)
                let scale = scales[block]
                var i = start
                while vector && i &+ 16 <= end {
                    let words = raw.loadUnaligned(fromByteOffset: i, as: SIMD4<Int32>.self)
                    if FP8.nanBits(words) != .zero { break }
                    let f0 = FP8.scaledLanes(words, byte: 0) * 0x1p120
                    let f1 = FP8.scaledLanes(words, byte: 1) * 0x1p120
                    let f2 = FP8.scaledLanes(words, byte: 2) * 0x1p120
                    let f3 = FP8.scaledLanes(words, byte: 3) * 0x1p120
                    // Lane j of f_k is element 4j + k: transpose back to element order.
                    out.storeBytes(of: SIMD4(f0[0], f1[0], f2[0], f3[0]) * scale, toByteOffset: i &* 4, as: SIMD4<Float>.self)
                    out.storeBytes(of: SIMD4(f0[1], f1[1], f2[1], f3[1]) * scale, toByteOffset: i &* 4 &+ 16, as: SIMD4<Float>.self)
                    out.storeBytes(of: SIMD4(f0[2], f1[2], f2[2], f3[2]) * scale, toByteOffset: i &* 4 &+ 32, as: SIMD4<Float>.self)
                    out.storeBytes(of: SIMD4(f0[3], f1[3], f2[3], f3[3]) * scale, toByteOffset: i &* 4 &+ 48, as: SIMD4<Float>.self)
                    i &+= 16
                }
                while i < end {
                    output[i] = table[Int(codes[i])] * scale
                    i &+= 1
                }
                start = end
                block &+= 1
            }
        }
    }
}
