import OrderedJSON

/// One kind of `tokenizer.json` decoder: turns the token strings of ids back into text.
protocol DecoderStage: JSONComponent {
    /// The decoded pieces of `tokens` (the reference's `decode_chain`).
    func decodeChain(_ tokens: [String]) -> [String]
    /// Whether the stage is exactly `ByteLevel` (token strings are byte-level characters).
    var isByteLevel: Bool { get }
}

extension DecoderStage {
    var isByteLevel: Bool { false }
}

/// A `tokenizer.json` decoder, as tokenizers 0.23.3 applies it.
public struct HuggingFaceDecoder: Sendable {
    let stage: any DecoderStage

    /// The decoder types this package reads.
    static let stageTypes: [any DecoderStage.Type] = [
        ByteLevelDecoder.self, ReplaceDecoder.self, FuseDecoder.self, StripDecoder.self, ByteFallbackDecoder.self,
        DecoderSequence.self,
    ]

    /// Reads the decoder object at `json`.
    /// - Throws: `JSONShapeError` naming an unsupported type or a malformed value.
    init(json: JSONCursor) throws {
        stage = try Self.stageTypes[json.componentIndex(Self.stageTypes.map { $0.typeName }, kind: "decoder")].init(json: json)
    }

    /// A one-line description.
    public var summary: String { stage.summary }

    /// The decoded pieces of `tokens`.
    func decodeChain(_ tokens: [String]) -> [String] { stage.decodeChain(tokens) }

    /// Whether the decoder is exactly `ByteLevel` (alone or as a one-stage sequence), so a token's
    /// bytes are its byte-level characters decoded.
    var isPlainByteLevel: Bool {
        if let sequence = stage as? DecoderSequence { return sequence.stages.count == 1 && sequence.stages[0].isPlainByteLevel }
        return stage.isByteLevel
    }
}
