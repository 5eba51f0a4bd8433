import BytePairEncoding

/// One generated token as a streaming output parser takes it: its id, and the text it adds to the
/// decoded output (empty while the token ends inside a UTF-8 sequence that a later token
/// completes, as `StreamingTextDecoder` yields it). Parsers of token-level formats (harmony) read
/// the id; parsers of text-marker formats (Qwen, DeepSeek) read the text.
public struct GeneratedToken: Sendable, Equatable {
    /// The token id.
    public var id: TokenID
    /// The text this token adds to the output.
    public var text: String

    /// A token.
    public init(id: TokenID, text: String = "") {
        self.id = id
        self.text = text
    }
}
