/// GPT-2's reversible byte-to-character mapping used by byte-level BPE vocabularies in the Hugging
/// Face format: printable Latin-1 bytes map to themselves, the other 68 bytes to U+0100…U+0143.
public enum ByteLevelAlphabet {
    /// The scalar that stands for each byte.
    public static let scalarOfByte: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        var next: UInt32 = 256
        for b in 0..<256 {
            if (0x21...0x7E).contains(b) || (0xA1...0xAC).contains(b) || (0xAE...0xFF).contains(b) {
                table[b] = UInt32(b)
            } else {
                table[b] = next
                next += 1
            }
        }
        return table
    }()

    /// The byte a scalar stands for, or nil when the scalar is not in the alphabet.
    @inlinable
    public static func byte(of scalar: UInt32) -> UInt8? {
        guard scalar < 0x144 else { return nil }
        let b = byteOfScalar[Int(scalar)]
        return b < 0 ? nil : UInt8(b)
    }

    @usableFromInline static let byteOfScalar: [Int16] = {
        var table = [Int16](repeating: -1, count: 0x144)
        for (b, s) in scalarOfByte.enumerated() { table[Int(s)] = Int16(b) }
        return table
    }()

    /// The bytes a token string stands for, or nil when a scalar is outside the alphabet.
    public static func bytes(of token: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(token.utf8.count)
        for scalar in token.unicodeScalars {
            guard let b = byte(of: scalar.value) else { return nil }
            out.append(b)
        }
        return out
    }

    /// The token string for `bytes` (each byte as its alphabet character).
    public static func string(of bytes: some Sequence<UInt8>) -> String {
        var s = ""
        for b in bytes { s.unicodeScalars.append(Unicode.Scalar(scalarOfByte[Int(b)]) ?? "?") }
        return s
    }
}
