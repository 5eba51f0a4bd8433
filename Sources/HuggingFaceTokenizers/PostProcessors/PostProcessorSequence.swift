import OrderedJSON

/// `Sequence`: each post-processor in order (their templates nest).
struct PostProcessorSequence: PostProcessorStage {
    static let typeName = "Sequence"
    let stages: [HuggingFacePostProcessor]

    init(json: JSONCursor) throws {
        stages = try json.required("processors").elements().map(HuggingFacePostProcessor.init(json:))
    }

    var summary: String { stages.map(\.summary).joined(separator: ", ") }

    var template: [PostProcessorPiece] {
        stages.reduce([.sequence(typeID: 0)]) { inner, processor in
            processor.stage.template.flatMap { piece -> [PostProcessorPiece] in
                guard case let .sequence(typeID) = piece else { return [piece] }
                // A later template's sequence is the earlier result; its type id applies to all of it.
                return processor.stage is ByteLevelPostProcessor ? inner : inner.map { inner in
                    if case let .special(ids, _) = inner { return .special(ids, typeID: typeID) }
                    return .sequence(typeID: typeID)
                }
            }
        }
    }
}
