import BytePairEncoding
import OrderedJSON
import TokenizerCore

/// What the tokenizer reads from `tokenizer_config.json`: the tokens with roles and the
/// `add_bos_token` / `add_eos_token` flags.
public struct TokenizerConfig: Sendable {
    /// The config's flags about special tokens.
    public struct Flags: Sendable, Hashable {
        /// Whether the config asks for BOS before encoded text.
        public var addBOS = false
        /// Whether the config asks for EOS after encoded text.
        public var addEOS = false
        /// The config's `tokenizer_class`.
        public var tokenizerClass: String?

        public init() {}
    }

    /// The roles, with ids looked up in the tokenizer.
    public var roles = SpecialTokenRoles()
    /// The flags.
    public var flags = Flags()

    /// Reads the config; `lookup` gives the id of a token text.
    /// - Throws: `JSONShapeError` naming the key of a malformed value or a token the tokenizer lacks.
    init(json config: JSONCursor, lookup: (String) -> TokenID?) throws {
        func role(_ key: String) throws -> SpecialTokenRoles.Token? {
            guard let cursor = try config.member(key) else { return nil }
            let text = cursor.value.stringValue != nil ? try cursor.string() : try cursor.string("content")
            guard let id = lookup(text) else { throw cursor.failure("\(text.debugDescription) is not a token of tokenizer.json") }
            return SpecialTokenRoles.Token(text: text, id: id)
        }
        roles = SpecialTokenRoles(bos: try role("bos_token"), eos: try role("eos_token"), pad: try role("pad_token"), unk: try role("unk_token"))
        flags.tokenizerClass = try config.optionalString("tokenizer_class")
        flags.addBOS = try config.bool("add_bos_token", default: false)
        flags.addEOS = try config.bool("add_eos_token", default: false)
    }

    init() {}

    /// The transformers 4 classes whose fast tokenizer rebuilt the post-processor from
    /// `add_bos_token` / `add_eos_token` (transformers 5.24 no longer does for byte-level files).
    static let llamaFamilyClasses: Set<String> = [
        "LlamaTokenizer", "LlamaTokenizerFast", "CodeLlamaTokenizer", "CodeLlamaTokenizerFast", "GemmaTokenizer", "GemmaTokenizerFast",
    ]

    /// transformers 4's rebuilt post-processor for a Llama-family class: BOS (by default) and EOS
    /// (when asked) around the sequence; nil for other classes.
    /// - Throws: `JSONShapeError` when a flag asks for a token the config does not name.
    func llamaFamilyTemplate(config: JSONCursor) throws -> HuggingFacePostProcessor? {
        guard let tokenizerClass = flags.tokenizerClass, Self.llamaFamilyClasses.contains(tokenizerClass) else { return nil }
        let addBOS = try config.bool("add_bos_token", default: true)
        var pieces: [PostProcessorPiece] = []
        var text: [String] = []
        if addBOS {
            guard let bos = roles.bos else { throw config.failure("add_bos_token is true but bos_token is not set") }
            pieces.append(.special([bos.id], typeID: 0))
            text.append("\(bos.text):0")
        }
        pieces.append(.sequence(typeID: 0))
        text.append("$A:0")
        if flags.addEOS {
            guard let eos = roles.eos else { throw config.failure("add_eos_token is true but eos_token is not set") }
            pieces.append(.special([eos.id], typeID: 0))
            text.append("\(eos.text):0")
        }
        let stage = TemplatePostProcessor(template: pieces, description: text.joined(separator: " ") + ", from tokenizer_config.json")
        return HuggingFacePostProcessor(stage: stage)
    }
}
