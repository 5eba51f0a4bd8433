import OrderedJSON

/// `Punctuation`: splits punctuation characters off.
struct PunctuationPreTokenizer: PreTokenizerStage {
    static let typeName = "Punctuation"
    let behavior: SplitBehavior

    init(json: JSONCursor) throws {
        behavior = try SplitBehavior(json: json.member("behavior"), default: .isolated)
    }

    var summary: String { "Punctuation(\(behavior.rawValue))" }

    func split(_ text: inout PreTokenizedText) throws {
        try splitCharacters(&text, behavior: behavior, where: RustCharacterClasses.isPunctuation)
    }
}
