import BytePairEncoding
import OrderedJSON

/// `TemplateProcessing`: special tokens around the sequence, as its `single` template says.
struct TemplatePostProcessor: PostProcessorStage {
    static let typeName = "TemplateProcessing"
    let template: [PostProcessorPiece]
    let description: String

    init(json: JSONCursor) throws {
        var specials: [String: [TokenID]] = [:]
        if let table = try json.member("special_tokens") {
            for (key, entry) in try table.members() {
                specials[key] = try entry.required("ids").elements().map { TokenID(try $0.int(in: 0...Int(UInt32.max - 1))) }
            }
        }
        var pieces: [PostProcessorPiece] = []
        var text: [String] = []
        for element in try json.required("single").elements() {
            if let special = try element.member("SpecialToken") {
                let id = try special.string("id")
                guard let ids = specials[id] else { throw special.failure("special token \(id.debugDescription) is not in special_tokens") }
                let typeID = try Self.typeID(special)
                pieces.append(.special(ids, typeID: typeID))
                text.append("\(id):\(typeID)")
            } else if let sequence = try element.member("Sequence") {
                guard try sequence.string("id") == "A" else { throw sequence.failure("the single template can only hold sequence A") }
                let typeID = try Self.typeID(sequence)
                pieces.append(.sequence(typeID: typeID))
                text.append("$A:\(typeID)")
            } else {
                throw element.failure("expected SpecialToken or Sequence")
            }
        }
        template = pieces
        description = text.joined(separator: " ")
    }

    /// A piece's `type_id` (0 when absent).
    private static func typeID(_ piece: JSONCursor) throws -> UInt32 {
        UInt32(try piece.member("type_id")?.int(in: 0...Int(UInt32.max)) ?? 0)
    }

    /// A template made from `tokenizer_config.json` flags (transformers 4's Llama-family rebuild).
    init(template: [PostProcessorPiece], description: String) {
        self.template = template
        self.description = description
    }

    var summary: String { "TemplateProcessing(\(description))" }
}
