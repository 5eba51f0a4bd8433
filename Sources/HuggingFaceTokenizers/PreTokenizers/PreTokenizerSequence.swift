import OrderedJSON

/// `Sequence`: each pre-tokenizer in order; only the last may be `ByteLevel`.
struct PreTokenizerSequence: PreTokenizerStage {
    static let typeName = "Sequence"
    let stages: [HuggingFacePreTokenizer]

    init(json: JSONCursor) throws {
        let parts = try json.required("pretokenizers").elements()
        stages = try parts.map(HuggingFacePreTokenizer.init(json:))
        for (index, stage) in stages.enumerated() where stage.endsWithByteLevel && index != stages.count - 1 {
            throw parts[index].failure("ByteLevel must be the last pre-tokenizer (the model then reads bytes)")
        }
    }

    var summary: String { stages.map(\.summary).joined(separator: ", ") }
    var endsWithByteLevel: Bool { stages.last?.endsWithByteLevel ?? false }

    func split(_ text: inout PreTokenizedText) throws {
        for stage in stages { try stage.stage.split(&text) }
    }
}
