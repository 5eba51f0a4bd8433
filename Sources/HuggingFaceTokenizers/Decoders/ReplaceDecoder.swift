import OrderedJSON

/// `Replace`: replaces a literal pattern in each token.
struct ReplaceDecoder: DecoderStage {
    static let typeName = "Replace"
    let pattern: String
    let content: String

    init(json: JSONCursor) throws {
        let patternCursor = try json.required("pattern")
        guard let literal = try patternCursor.member("String") else {
            throw patternCursor.failure("only a String pattern is supported in the Replace decoder")
        }
        pattern = try literal.string()
        content = try json.string("content")
    }

    var summary: String { "Replace(\(pattern.debugDescription) → \(content.debugDescription))" }

    func decodeChain(_ tokens: [String]) -> [String] {
        guard !pattern.isEmpty else { return tokens }
        return tokens.map { replaceAll($0) }
    }

    /// `text` with every non-overlapping occurrence of `pattern` (compared byte-wise) replaced.
    private func replaceAll(_ text: String) -> String {
        let t = Array(text.utf8)
        let p = Array(pattern.utf8)
        guard t.count >= p.count else { return text }
        var out: [UInt8] = []
        var i = 0
        var changed = false
        while i < t.count {
            if i + p.count <= t.count && t[i..<(i + p.count)].elementsEqual(p) {
                out.append(contentsOf: content.utf8)
                i += p.count
                changed = true
            } else {
                out.append(t[i])
                i += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }
}
