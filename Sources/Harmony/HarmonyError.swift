import OrderedJSON

/// An error from rendering, parsing or reading a conversation. `description` is the message
/// openai-harmony gives for the same input.
public struct HarmonyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, broadly.
    public enum Kind: Sendable, Equatable {
        /// A message cannot be rendered (e.g. a tool message without a name).
        case render
        /// A token stream is not a valid harmony completion.
        case parse
        /// Tokens cannot be decoded (unknown id or invalid UTF-8).
        case decode
        /// Conversation JSON is malformed or does not have the expected shape.
        case invalidJSON
    }

    /// The broad kind of error.
    public let kind: Kind
    /// The message.
    public let message: String

    /// An error of `kind` with `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

extension HarmonyError {
    /// Runs `parse`, turning a JSON syntax error into an `.invalidJSON` error with serde_json's
    /// message, as openai-harmony reports it.
    static func parsing<T>(_ parse: () throws -> T) throws -> T {
        do {
            return try parse()
        } catch let error as JSONSyntaxError {
            throw HarmonyError(.invalidJSON, error.description)
        }
    }
}
