import OrderedJSON

/// `Replace`: every match of a pattern (a string or a regex) becomes `content`.
struct ReplaceNormalizer: NormalizerStage {
    static let typeName = "Replace"
    let pattern: HuggingFacePattern
    let content: String

    init(json: JSONCursor) throws {
        pattern = try HuggingFacePattern(json: json.required("pattern"))
        content = try json.string("content")
    }

    var summary: String { "Replace(\(pattern.summary) → \(content.debugDescription))" }

    func normalize(_ text: UnsafeBufferPointer<UInt8>, edits: inout TextEdits?) throws -> [UInt8]? {
        var out: [UInt8] = []
        var last = 0
        var any = false
        edits?.beginLayer()
        try pattern.forEachMatch(in: text) { start, end in
            any = true
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[last..<start]))
            let replaced = out.count
            out.append(contentsOf: content.utf8)
            edits?.record(original: start..<end, normalized: replaced..<out.count)
            last = end
        }
        guard any else { return nil }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: text[last...]))
        return out
    }
}
