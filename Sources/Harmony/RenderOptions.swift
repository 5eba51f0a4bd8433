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
