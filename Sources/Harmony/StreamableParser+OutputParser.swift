import TokenizerCore

extension StreamableParser: StreamingOutputParser {
    /// What one token added to the current message's content, and where that message goes.
    public struct Delta: Sendable, Hashable {
        /// The message's role.
        public let role: Role?
        /// The message's channel (`analysis`, `commentary`, `final`).
        public let channel: String?
        /// The message's recipient (`functions.get_weather`), when it is a tool call.
        public let recipient: String?
        /// The text the token added.
        public let text: String
    }

    /// Processes `token.id` (its text is not read: harmony decodes its own tokens).
    /// - Throws: `HarmonyError` as `process(_:)`.
    public mutating func consume(_ token: GeneratedToken) throws -> [Delta] {
        // Only a token read as content adds text (`lastContentDelta` keeps its last value across
        // header and stop tokens, as the reference's does).
        guard case .content = state else {
            try process(token.id)
            return []
        }
        try process(token.id)
        guard case .content = state, let text = lastContentDelta, !text.isEmpty else { return [] }
        return [Delta(role: currentRole, channel: currentChannel, recipient: currentRecipient, text: text)]
    }

    /// `processEOS()`: finishes a message in progress.
    public mutating func finish() throws -> [Delta] {
        try processEOS()
        return []
    }

    /// The finished messages.
    public var output: [Message] { messages }
}
