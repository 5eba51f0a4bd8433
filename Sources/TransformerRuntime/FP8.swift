/// The `float8_e4m3fn` format of FP8 checkpoints (DeepSeek-V3, Qwen3-FP8, ...).
///
/// A byte holds the sign in bit 7, a 4-bit exponent (bias 7) in bits 3-6 and a 3-bit mantissa:
/// `(−1)^s · 2^(e−7) · (1 + m/8)`, or `(−1)^s · 2^−6 · m/8` when `e = 0`. There are no
/// infinities; `0x7F` and `0xFF` are NaN; the largest value is 448. Every value is exact in f32.
///
/// Checkpoints store a float32 `weight_scale_inv` per block of the weight matrix, and the
/// weight is `value · scale_inv` (the name is the inverse of the quantizer's scale).
package enum FP8 {
    /// The value of one byte.
    package static func value(_ byte: UInt8) -> Float {
        table[Int(byte)]
    }

    /// The values of all 256 bytes.
    static let table: [Float] = (0..<256).map { byte in
        let magnitude = byte & 0x7F
        let sign: Float = byte & 0x80 == 0 ? 1 : -1
        if magnitude == 0x7F { return .nan }
        let exponent = Int(magnitude >> 3)
        let mantissa = Float(magnitude & 7)
        if exponent == 0 { return sign * mantissa * 0x1p-9 }
        return sign * (1 + mantissa / 8) * Float(sign: .plus, exponent: exponent - 7, significand: 1)
    }

    /// Each 32-bit lane of `words` holds four codes (bytes `4j ..< 4j+4` of a 16-byte chunk);
    /// this returns the codes at byte `k` of every lane as f32 bit patterns of `value · 2^−120`:
    /// the sign moved to bit 31 and the exponent and mantissa to bits 20-26, so that the f32
    /// exponent is the code's (bias 127 instead of 7) and subnormal codes become f32 subnormals.
    /// `k = 0` is the lowest byte.
    @inline(__always)
    static func scaledLanes(_ words: SIMD4<Int32>, byte k: Int) -> SIMD4<Float> {
        let mask = SIMD4<Int32>(repeating: Int32(bitPattern: 0x87F0_0000))
        // Move byte k to the top, then shift arithmetically so that the sign fills bits 27-31.
        let top = k == 3 ? words : words &<< Int32(24 - 8 * k)
        return unsafeBitCast((top &>> 4) & mask, to: SIMD4<Float>.self)
    }

    /// Lanes whose byte is a NaN code (`0x7F` or `0xFF`) get their bit 7 set, per byte.
    @inline(__always)
    static func nanBits(_ words: SIMD4<Int32>) -> SIMD4<Int32> {
        // A byte with its low seven bits all set carries into bit 7; no other byte does, and
        // no carry crosses a byte.
        ((words & 0x7F7F_7F7F) &+ 0x0101_0101) & Int32(bitPattern: 0x8080_8080)
    }
}
