/// One generated token as a streaming parser takes it: its id, and the text it adds to the
/// decoded output (empty while the token ends inside a UTF-8 sequence that a later token
/// completes, as a streaming decoder yields it).
public struct GeneratedToken: Sendable, Equatable {
    /// The token id.
    public var id: UInt32
    /// The text this token adds to the output.
    public var text: String

    /// A token.
    public init(id: UInt32, text: String) {
        self.id = id
        self.text = text
    }
}
