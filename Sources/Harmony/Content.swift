/// One piece of a message's content.
public enum Content: Sendable, Hashable {
    /// Text, always rendered as ordinary text (special-token text inside it stays text).
    case text(String)
    /// The system message's settings (only valid in system messages).
    case systemContent(SystemContent)
    /// The developer message's instructions and tools (only valid in developer messages).
    case developerContent(DeveloperContent)
}

extension Content: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
}
