/// One message of a conversation: author, optional recipient, channel and content type, and one or
/// more contents.
public struct Message: Sendable, Hashable {
    /// The author (role and optional name).
    public var author: Author
    /// The recipient (`functions.get_weather`, `python`, `assistant`…); nil when none.
    public var recipient: String?
    /// The contents, rendered one after the other.
    public var content: [Content]
    /// The channel (`analysis`, `commentary`, `final`…).
    public var channel: String?
    /// The content type (`json`, `<|constrain|>json`…).
    public var contentType: String?

    /// A message with every field given.
    public init(author: Author, recipient: String? = nil, content: [Content], channel: String? = nil, contentType: String? = nil) {
        self.author = author
        self.recipient = recipient
        self.content = content
        self.channel = channel
        self.contentType = contentType
    }

    /// A message from `role` with one content.
    public init(role: Role, content: Content) {
        self.init(author: Author(role: role), content: [content])
    }

    /// A message from `role` with a text.
    public init(role: Role, text: String) {
        self.init(author: Author(role: role), content: [.text(text)])
    }

    /// A copy on `channel`.
    public func withChannel(_ channel: String?) -> Message {
        var copy = self
        copy.channel = channel
        return copy
    }

    /// A copy addressed to `recipient`.
    public func withRecipient(_ recipient: String?) -> Message {
        var copy = self
        copy.recipient = recipient
        return copy
    }

    /// A copy with `contentType`.
    public func withContentType(_ contentType: String?) -> Message {
        var copy = self
        copy.contentType = contentType
        return copy
    }

    /// A copy with one more content.
    public func adding(_ content: Content) -> Message {
        var copy = self
        copy.content.append(content)
        return copy
    }

    /// The text of the message when all its contents are text (joined), else nil.
    public var text: String? {
        var out = ""
        for item in content {
            guard case let .text(text) = item else { return nil }
            out += text
        }
        return out
    }
}
