import BytePairEncoding
import TiktokenTokenizers

/// The ids of the harmony format's formatting tokens, looked up by name in the vocabulary.
public struct FormattingTokens: Sendable, Hashable {
    /// `<|start|>`
    public let start: TokenID
    /// `<|message|>`
    public let message: TokenID
    /// `<|end|>`
    public let end: TokenID
    /// `<|return|>`
    public let returnToken: TokenID
    /// `<|call|>`
    public let call: TokenID
    /// `<|channel|>`
    public let channel: TokenID
    /// `<|constrain|>`
    public let constrain: TokenID

    /// The formatting tokens of `tokenizer`'s special tokens.
    /// - Throws: `HarmonyError` (kind `.render`) naming a token the vocabulary lacks.
    init(_ tokenizer: TiktokenEncoding) throws {
        func id(_ text: String) throws -> TokenID {
            guard let id = tokenizer.specialTokens.id(of: text) else {
                throw HarmonyError(.render, "the vocabulary \(tokenizer.name) has no special token \(text)")
            }
            return id
        }
        start = try id("<|start|>")
        message = try id("<|message|>")
        end = try id("<|end|>")
        returnToken = try id("<|return|>")
        call = try id("<|call|>")
        channel = try id("<|channel|>")
        constrain = try id("<|constrain|>")
    }
}
