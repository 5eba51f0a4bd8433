/// Options for rendering a conversation.
public struct RenderConversationConfig: Sendable, Hashable {
    /// Drop `analysis` messages before the first `final` message when the last assistant message is
    /// on the `final` channel (openai-harmony's default: true).
    public var autoDropAnalysis: Bool

    /// A configuration.
    public init(autoDropAnalysis: Bool = true) {
        self.autoDropAnalysis = autoDropAnalysis
    }
}
