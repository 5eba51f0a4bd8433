/// FNV-1a 64 over each id as 4 little-endian bytes, as 16 lowercase hex digits: how the
/// benchmark protocol shared with the peer tokenizers compares their outputs.
package struct TokenIDDigest: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    /// A fresh hash.
    package init() {}

    /// Adds one id.
    package mutating func combine(_ id: UInt32) {
        var value = id
        for _ in 0..<4 {
            state = (state ^ UInt64(value & 0xFF)) &* 0x100_0000_01b3
            value >>= 8
        }
    }

    /// The digest so far.
    package var hexDigest: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
