import OrderedJSON

/// One kind of `tokenizer.json` normalizer: a transformation of the text between added tokens,
/// applied before pre-tokenization.
protocol NormalizerStage: JSONComponent {
    /// `text` (valid UTF-8) normalized, or nil when it is unchanged. When `edits` is given, the
    /// stage starts a layer and records the spans it rewrote.
    func normalize(_ text: UnsafeBufferPointer<UInt8>, edits: inout TextEdits?) throws -> [UInt8]?
}

/// A `tokenizer.json` normalizer, as tokenizers 0.23.3 applies it.
public struct HuggingFaceNormalizer: Sendable {
    let stage: any NormalizerStage

    /// The normalizer types this package reads.
    static let stageTypes: [any NormalizerStage.Type] = [
        UnicodeNormalization.NFC.self, UnicodeNormalization.NFD.self, UnicodeNormalization.NFKC.self,
        UnicodeNormalization.NFKD.self, LowercaseNormalizer.self, ReplaceNormalizer.self,
        PrependNormalizer.self, StripNormalizer.self, NormalizerSequence.self,
    ]

    /// Reads the normalizer object at `json`.
    /// - Throws: `JSONShapeError` naming an unsupported type or a malformed value.
    init(json: JSONCursor) throws {
        stage = try Self.stageTypes[json.componentIndex(Self.stageTypes.map { $0.typeName }, kind: "normalizer")].init(json: json)
    }

    /// A one-line description.
    public var summary: String { stage.summary }

    /// `text` normalized, or nil when unchanged (see `NormalizerStage`).
    func normalize(_ text: UnsafeBufferPointer<UInt8>, edits: inout TextEdits?) throws -> [UInt8]? {
        try stage.normalize(text, edits: &edits)
    }

    /// `text` normalized.
    func normalize(_ text: String) throws -> String {
        var edits: TextEdits? = nil
        let bytes = Array(text.utf8)
        let out = try bytes.withUnsafeBufferPointer { try normalize($0, edits: &edits) }
        return out.map { String(decoding: $0, as: UTF8.self) } ?? text
    }
}
