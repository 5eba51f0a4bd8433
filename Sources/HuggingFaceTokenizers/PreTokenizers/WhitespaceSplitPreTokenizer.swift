import OrderedJSON

/// `WhitespaceSplit`: splits on white space and drops it.
struct WhitespaceSplitPreTokenizer: PreTokenizerStage {
    static let typeName = "WhitespaceSplit"
    let summary = "WhitespaceSplit"

    init(json: JSONCursor) {}

    func split(_ text: inout PreTokenizedText) throws {
        try splitCharacters(&text, behavior: .removed, where: RustCharacterClasses.isWhitespace)
    }
}
