import OrderedJSON

/// `Sequence`: each normalizer in order.
struct NormalizerSequence: NormalizerStage {
    static let typeName = "Sequence"
    let stages: [HuggingFaceNormalizer]

    init(json: JSONCursor) throws {
        stages = try json.required("normalizers").elements().map(HuggingFaceNormalizer.init(json:))
    }

    var summary: String { stages.isEmpty ? "none" : stages.map(\.summary).joined(separator: ", ") }

    func normalize(_ text: UnsafeBufferPointer<UInt8>, edits: inout TextEdits?) throws -> [UInt8]? {
        var current: [UInt8]? = nil
        for stage in stages {
            let next: [UInt8]?
            if let current {
                next = try current.withUnsafeBufferPointer { try stage.normalize($0, edits: &edits) }
            } else {
                next = try stage.normalize(text, edits: &edits)
            }
            if let next { current = next }
        }
        return current
    }
}
