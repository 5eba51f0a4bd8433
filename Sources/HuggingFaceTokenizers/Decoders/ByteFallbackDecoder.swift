import BytePairEncoding
import OrderedJSON

/// `ByteFallback`: `<0xAB>` tokens back to bytes; a run of them is decoded as UTF-8, or becomes one
/// U+FFFD per byte when it is not valid.
struct ByteFallbackDecoder: DecoderStage {
    static let typeName = "ByteFallback"
    let summary = "ByteFallback"

    init(json: JSONCursor) {}

    func decodeChain(_ tokens: [String]) -> [String] {
        var out: [String] = []
        var pending: [UInt8] = []
        func flush() {
            guard !pending.isEmpty else { return }
            if let text = UTF8Decoding.strict(pending) { out.append(text) } else {
                out.append(contentsOf: Array(repeating: "\u{FFFD}", count: pending.count))
            }
            pending.removeAll()
        }
        for token in tokens {
            if let byte = Self.fallbackByte(token) {
                pending.append(byte)
            } else {
                flush()
                out.append(token)
            }
        }
        flush()
        return out
    }

    /// The byte of a `<0xAB>` token.
    static func fallbackByte(_ token: String) -> UInt8? {
        let u = Array(token.utf8)
        guard u.count == 6, u.starts(with: Array("<0x".utf8)), u[5] == UInt8(ascii: ">") else { return nil }
        return UInt8(String(decoding: u[3..<5], as: UTF8.self), radix: 16)
    }
}
