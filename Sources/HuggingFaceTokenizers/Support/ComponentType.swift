import OrderedJSON

/// A pipeline component of `tokenizer.json` that reads itself from its JSON object and describes
/// itself in one line.
protocol JSONComponent: Sendable {
    /// The component's `type` in the file ("NFC", "Split", "ByteLevel", …).
    static var typeName: String { get }
    /// Reads the component from its object.
    /// - Throws: `JSONShapeError` naming the path of a malformed or unsupported value.
    init(json: JSONCursor) throws
    /// A one-line description for `tok vocab info`.
    var summary: String { get }
}

extension JSONCursor {
    /// The index in `names` of this object's `type` member.
    /// - Parameter kind: the component kind for the error ("normalizer", "pre-tokenizer").
    /// - Throws: `JSONShapeError` naming `type` when it is not one of `names`.
    func componentIndex(_ names: [String], kind: String) throws -> Int {
        let typeCursor = try required("type")
        let type = try typeCursor.string()
        guard let index = names.firstIndex(of: type) else {
            throw typeCursor.failure("unsupported \(kind) \(type.debugDescription) (supported: \(names.joined(separator: ", ")))")
        }
        return index
    }
}
