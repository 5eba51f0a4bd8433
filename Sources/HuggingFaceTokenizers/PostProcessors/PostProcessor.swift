import BytePairEncoding
import OrderedJSON

/// One kind of `tokenizer.json` post-processor: what `encode(addSpecialTokens: true)` adds
/// around the ids of a single sequence.
protocol PostProcessorStage: JSONComponent {
    /// The pieces of the single-sequence template, in order.
    var template: [PostProcessorPiece] { get }
}

/// One piece of a single-sequence template: special-token ids, or the sequence itself, each with
/// the type id its tokens get.
enum PostProcessorPiece: Sendable, Equatable {
    case special([TokenID], typeID: UInt32)
    case sequence(typeID: UInt32)

    var isSequence: Bool {
        if case .sequence = self { return true }
        return false
    }
}

/// A `tokenizer.json` post-processor, as tokenizers 0.23.3 applies it to one sequence.
public struct HuggingFacePostProcessor: Sendable {
    let stage: any PostProcessorStage
    /// The ids added before and after the sequence.
    let before: [TokenID]
    let after: [TokenID]

    /// The post-processor types this package reads.
    static let stageTypes: [any PostProcessorStage.Type] = [
        ByteLevelPostProcessor.self, TemplatePostProcessor.self, PostProcessorSequence.self,
    ]

    /// Reads the post-processor object at `json`.
    /// - Throws: `JSONShapeError` naming an unsupported type or a malformed value.
    init(json: JSONCursor) throws {
        try self.init(stage: Self.stageTypes[json.componentIndex(Self.stageTypes.map { $0.typeName }, kind: "post-processor")].init(json: json))
    }

    init(stage: any PostProcessorStage) {
        self.stage = stage
        var before: [TokenID] = []
        var after: [TokenID] = []
        var seenSequence = false
        for piece in stage.template {
            switch piece {
            case .sequence: seenSequence = true
            case let .special(ids, _): if seenSequence { after += ids } else { before += ids }
            }
        }
        self.before = before
        self.after = after
    }

    /// A one-line description.
    public var summary: String { stage.summary }

    /// The number of ids added around a sequence.
    var addedCount: Int { before.count + after.count }
}
