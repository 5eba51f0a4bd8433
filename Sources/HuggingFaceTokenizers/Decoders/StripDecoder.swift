import OrderedJSON

/// `Strip`: removes up to `start` leading and `stop` trailing occurrences of `content` from each token.
struct StripDecoder: DecoderStage {
    static let typeName = "Strip"
    let content: Unicode.Scalar
    let start: Int
    let stop: Int

    init(json: JSONCursor) throws {
        let text = try json.string("content")
        guard text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first else {
            throw try json.required("content").failure("expected one character")
        }
        content = scalar
        start = try json.int("start", default: 0)
        stop = try json.int("stop", default: 0)
    }

    var summary: String { "Strip(\(String(Character(content)).debugDescription), \(start), \(stop))" }

    func decodeChain(_ tokens: [String]) -> [String] {
        tokens.map { token in
            let scalars = Array(token.unicodeScalars)
            var s = 0
            while s < start && s < scalars.count && scalars[s] == content { s += 1 }
            var e = scalars.count
            var removed = 0
            while removed < stop && e > s && scalars[e - 1] == content { e -= 1; removed += 1 }
            var out = ""
            out.unicodeScalars.append(contentsOf: scalars[s..<e])
            return out
        }
    }
}
