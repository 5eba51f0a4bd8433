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
        stages.reduce([.sequence]) { inner, processor in
            processor.stage.template.flatMap { $0 == .sequence ? inner : [$0] }
        }
    }
}
