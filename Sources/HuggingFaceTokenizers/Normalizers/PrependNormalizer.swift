import OrderedJSON

/// `Prepend`: puts `prepend` before non-empty text.
struct PrependNormalizer: NormalizerStage {
    static let typeName = "Prepend"
    let prefix: String

    init(json: JSONCursor) throws {
        prefix = try json.string("prepend")
    }

    var summary: String { "Prepend(\(prefix.debugDescription))" }

    func normalize(_ text: UnsafeBufferPointer<UInt8>, edits: inout TextEdits?) throws -> [UInt8]? {
        edits?.beginLayer()
        guard !text.isEmpty, !prefix.isEmpty else { return nil }
        edits?.record(original: 0..<0, normalized: 0..<prefix.utf8.count)
        return Array(prefix.utf8) + Array(text)
    }
}
