import TokenizerAdapters

// What the README shows a user writing.

extension TokenizerAdapter: MLXLMTokenizer {}

extension TokenizerAdapter: SwiftTransformersTokenizer {
    // The three requirements that take swift-transformers' own ChatTemplateArgument.
    func applyChatTemplate(messages: [[String: any Sendable]], chatTemplate: ChatTemplateArgument) throws -> [Int] {
        try applyChatTemplate(messages: messages, chatTemplate: Optional(chatTemplate), addGenerationPrompt: true, truncation: false, maxLength: nil, tools: nil)
    }

    func applyChatTemplate(messages: [[String: any Sendable]], chatTemplate: String) throws -> [Int] {
        try applyChatTemplate(messages: messages, chatTemplate: .literal(chatTemplate))
    }

    func applyChatTemplate(
        messages: [[String: any Sendable]], chatTemplate: ChatTemplateArgument?, addGenerationPrompt: Bool,
        truncation: Bool, maxLength: Int?, tools: [[String: any Sendable]]?
    ) throws -> [Int] {
        let template: TokenizerAdapter.TemplateChoice? = switch chatTemplate {
        case let .literal(source)?: .source(source)
        case let .name(name)?: .named(name)
        case nil: nil
        }
        return try applyChatTemplate(
            messages: messages, tools: tools, additionalContext: nil, template: template,
            addGenerationPrompt: addGenerationPrompt, maxLength: truncation ? maxLength : nil)
    }
}
