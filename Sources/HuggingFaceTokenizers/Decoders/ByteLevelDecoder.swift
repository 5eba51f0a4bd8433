import BytePairEncoding
import OrderedJSON

/// `ByteLevel`: GPT-2's byte-level characters back to bytes (tokens outside the alphabet stay as
/// they are), then UTF-8 with U+FFFD for invalid bytes; the result is one string.
struct ByteLevelDecoder: DecoderStage {
    static let typeName = "ByteLevel"
    let summary = "ByteLevel"
    var isByteLevel: Bool { true }

    init(json: JSONCursor) {}

    func decodeChain(_ tokens: [String]) -> [String] {
        var bytes: [UInt8] = []
        for token in tokens {
            if let decoded = ByteLevelAlphabet.bytes(of: token) { bytes.append(contentsOf: decoded) } else { bytes.append(contentsOf: token.utf8) }
        }
        return [UTF8Decoding.lossy(bytes)]
    }
}
