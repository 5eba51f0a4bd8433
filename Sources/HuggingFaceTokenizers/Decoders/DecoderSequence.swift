import OrderedJSON

/// `Sequence`: each decoder in order.
struct DecoderSequence: DecoderStage {
    static let typeName = "Sequence"
    let stages: [HuggingFaceDecoder]

    init(json: JSONCursor) throws {
        stages = try json.required("decoders").elements().map(HuggingFaceDecoder.init(json:))
    }

    var summary: String { stages.map(\.summary).joined(separator: ", ") }

    func decodeChain(_ tokens: [String]) -> [String] {
        stages.reduce(tokens) { $1.decodeChain($0) }
    }
}
