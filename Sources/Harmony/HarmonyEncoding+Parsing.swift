import BytePairEncoding

extension HarmonyEncoding {
    /// The messages of a completion. With `role`, the prompt ended with `<|start|>` and that role (as
    /// `renderConversationForCompletion` leaves it); without, the tokens start with `<|start|>`.
    /// A missing final stop token is fine.
    /// - Throws: `HarmonyError` (kind `.parse`) with openai-harmony's message.
    public func parseMessages<S: Sequence>(
        fromCompletionTokens tokens: S, role: Role? = nil, strict: Bool = true
    ) throws -> [Message] where S.Element == TokenID {
        var parser = streamableParser(role: role, strict: strict)
        try parser.process(contentsOf: tokens)
        try parser.processEOS()
        return parser.messages
    }

    /// A parser to feed a completion one token at a time.
    public func streamableParser(role: Role?, strict: Bool = true) -> StreamableParser {
        StreamableParser(encoding: self, role: role, strict: strict)
    }
}
