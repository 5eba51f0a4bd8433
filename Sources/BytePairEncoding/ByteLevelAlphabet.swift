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
        var token = token
        return token.withUTF8 { utf8 -> [UInt8]? in
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count)
            var i = 0
            while i < utf8.count {
                let b0 = utf8[i]
                let scalar: UInt32
                if b0 < 0x80 {
                    scalar = UInt32(b0); i += 1
                } else if b0 & 0xE0 == 0xC0, i + 1 < utf8.count {
                    scalar = (UInt32(b0 & 0x1F) << 6) | UInt32(utf8[i + 1] & 0x3F); i += 2
                } else {
                    return nil  // three- and four-byte scalars are beyond the alphabet
                }
                guard let b = byte(of: scalar) else { return nil }
                out.append(b)
            }
            return out
        }
    }

    /// The token string for `bytes` (each byte as its alphabet character).
    public static func string(of bytes: some Sequence<UInt8>) -> String {
        if let string = bytes.withContiguousStorageIfAvailable({ string(of: $0) }) { return string }
        return Array(bytes).withUnsafeBufferPointer { string(of: $0) }
    }

    /// The token string for `bytes`, written as UTF-8 (one or two bytes per character: the
    /// alphabet ends at U+0143) straight into the string's storage.
    public static func string(of bytes: UnsafeBufferPointer<UInt8>) -> String {
        let scalars = scalarOfByte
        return String(unsafeUninitializedCapacity: 2 * bytes.count) { utf8 in
            var n = 0
            for b in bytes {
                let scalar = scalars[Int(b)]
                if scalar < 0x80 {
                    utf8[n] = UInt8(scalar)
                    n += 1
                } else {
                    utf8[n] = UInt8(0xC0 | scalar >> 6)
                    utf8[n + 1] = UInt8(0x80 | scalar & 0x3F)
                    n += 2
                }
            }
            return n
        }
    }
}
