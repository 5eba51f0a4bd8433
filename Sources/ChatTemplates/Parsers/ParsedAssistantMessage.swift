/// An assistant message parsed from model output, in OpenAI's chat-completion form.
public struct ParsedAssistantMessage: Sendable, Equatable {
    /// A function call.
    public struct ToolCall: Sendable, Equatable {
        /// The function's name.
        public var name: String
        /// The arguments as JSON text, as the model wrote them.
        public var arguments: String

        /// A call.
        public init(name: String, arguments: String) {
            self.name = name
            self.arguments = arguments
        }
    }

    /// The answer (`content`), nil when there is none.
    public var content: String?
    /// The reasoning (`reasoning_content`), nil when there is none.
    public var reasoningContent: String?
    /// The tool calls, in order.
    public var toolCalls: [ToolCall]
    /// What was malformed, in order.
    public var problems: [OutputProblem]

    /// A message.
    public init(content: String? = nil, reasoningContent: String? = nil, toolCalls: [ToolCall] = [], problems: [OutputProblem] = []) {
        self.content = content
        self.reasoningContent = reasoningContent
        self.toolCalls = toolCalls
        self.problems = problems
    }

    /// `{"role": "assistant", "content": …, "reasoning_content": …, "tool_calls": [{"type":
    /// "function", "function": {"name": …, "arguments": "<JSON text>"}}]}`; absent parts are left out
    /// (`content` is null when there are tool calls and no text).
    public var openAIMessage: TemplateValue {
        var message: TemplateDictionary = ["role": "assistant"]
        message["content"] = content.map { .string($0) } ?? TemplateValue.none
        if let reasoningContent { message["reasoning_content"] = .string(reasoningContent) }
        if !toolCalls.isEmpty {
            message["tool_calls"] = .list(toolCalls.map { call in
                ["type": "function", "function": ["name": .string(call.name), "arguments": .string(call.arguments)]]
            })
        }
        return .dictionary(message)
    }
}

extension TemplateDictionary: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }
}
