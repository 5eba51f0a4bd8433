import OrderedJSON

/// `Digits`: splits digits from the rest (each digit alone with `individual_digits`).
struct DigitsPreTokenizer: PreTokenizerStage {
    static let typeName = "Digits"
    let individual: Bool

    init(json: JSONCursor) throws {
        individual = try json.bool("individual_digits", default: false)
    }

    var summary: String { "Digits(individual: \(individual))" }

    func split(_ text: inout PreTokenizedText) throws {
        try splitCharacters(&text, behavior: individual ? .isolated : .contiguous, where: RustCharacterClasses.isNumeric)
    }
}
