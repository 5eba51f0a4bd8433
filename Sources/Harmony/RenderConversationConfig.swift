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

/// Options for rendering one message on its own.
public struct RenderOptions: Sendable, Hashable {
    /// Whether the conversation declares function tools (adds the `'functions'` channel line to a
    /// system message's channel section).
    public var conversationHasFunctionTools: Bool

    /// Options.
    public init(conversationHasFunctionTools: Bool = false) {
        self.conversationHasFunctionTools = conversationHasFunctionTools
    }
}
