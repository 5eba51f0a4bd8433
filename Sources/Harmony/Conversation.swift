/// A conversation: messages in order.
public struct Conversation: Sendable, Hashable {
    /// The messages.
    public var messages: [Message]

    /// A conversation of `messages`.
    public init(messages: [Message] = []) {
        self.messages = messages
    }
}
