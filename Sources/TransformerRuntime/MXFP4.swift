/// The MXFP4 microscaling format of gpt-oss expert weights (OCP MX, E2M1 values with one E8M0
/// scale per block of 32).
///
/// A block covers 32 consecutive inputs of one output row and is stored as 16 bytes: byte `j`
/// holds element `2j` in its low nibble and element `2j+1` in its high nibble. A code's bit 3 is
/// the sign and bits 0-2 index `[0, 0.5, 1, 1.5, 2, 3, 4, 6]`. The block's value is
/// `code value · 2^(scale − 127)`; every value is exact in f32.
package enum MXFP4 {
    /// Elements per block.
    package static let blockSize = 32

    /// The values of the 16 E2M1 codes.
    package static let codeValues: [Float] = [
        0, 0.5, 1, 1.5, 2, 3, 4, 6,
        -0.0, -0.5, -1, -1.5, -2, -3, -4, -6,
    ]


    /// For each byte, the values of its (low nibble, high nibble) codes.
    static let pairTable: [SIMD2<Float>] = (0..<256).map { byte in
        SIMD2(codeValues[byte & 15], codeValues[byte >> 4])
    }

    /// `2^(byte − 127)`.
    @inline(__always)
    package static func scale(_ byte: UInt8) -> Float {
        Float(sign: .plus, exponent: Int(byte) - 127, significand: 1)
    }

    /// Dequantizes one row of `count` elements (a multiple of 32) into `output`.
    package static func dequantize(
        blocks: UnsafePointer<UInt8>, scales: UnsafePointer<UInt8>, count: Int,
        into output: UnsafeMutablePointer<Float>
    ) {
        for block in 0..<(count / blockSize) {
            let factor = scale(scales[block])
            for j in 0..<16 {
                let byte = Int(blocks[block * 16 + j])
                output[block * blockSize + 2 * j] = codeValues[byte & 15] * factor
                output[block * blockSize + 2 * j + 1] = codeValues[byte >> 4] * factor
            }
        }
    }
}
