/// What `apply_chat_template` takes: OpenAI-style messages (content as a string or a list of
/// parts, `reasoning_content` or its aliases `thinking`/`reasoning`, `tool_calls` with arguments
/// as an object or a JSON string, `tool_call_id`, `name`), tools, documents, the generation-prompt
/// and continue-final-message switches, and extra template variables (`enable_thinking`, …).
public struct ChatInput: Sendable, Equatable {
    /// Which field of the last message `continue_final_message` continues.
    public enum Continuation: Sendable, Equatable {
        /// `continue_final_message=True`: the message's `content`.
        case content
        /// `continue_final_message="field"`, e.g. `reasoning_content`.
        case field(String)

        var fieldName: String {
            switch self {
            case .content: return "content"
            case let .field(name): return name
            }
        }
    }

    /// The messages (each a dictionary).
    public var messages: [TemplateValue]
    /// Tool schemas (`tools`), nil for none.
    public var tools: [TemplateValue]?
    /// Documents for retrieval templates, nil for none.
    public var documents: [TemplateValue]?
    /// `add_generation_prompt`.
    public var addGenerationPrompt: Bool
    /// `continue_final_message`, nil for off.
    public var continueFinalMessage: Continuation?
    /// Extra template variables (they override the special-token variables of the same name).
    public var variables: TemplateDictionary

    /// An input.
    public init(
        messages: [TemplateValue], tools: [TemplateValue]? = nil, documents: [TemplateValue]? = nil,
        addGenerationPrompt: Bool = false, continueFinalMessage: Continuation? = nil,
        variables: TemplateDictionary = TemplateDictionary()
    ) {
        self.messages = messages
        self.tools = tools
        self.documents = documents
        self.addGenerationPrompt = addGenerationPrompt
        self.continueFinalMessage = continueFinalMessage
        self.variables = variables
    }

    /// An input read from an OpenAI-style request object: `messages`, `tools`, `documents`,
    /// `add_generation_prompt`, `continue_final_message` (true or a field name) and
    /// `chat_template_kwargs` (the extra variables, as vLLM takes them). Other members (`model`,
    /// `temperature`, …) are ignored.
    /// - Throws: `ChatTemplateError` (kind `.invalidInput`) naming the member that has the wrong type.
    public init(request: TemplateValue) throws {
        guard let object = request.dictionaryValue else { throw Self.invalid("the request must be a JSON object") }
        guard let messages = object["messages"]?.listValue else { throw Self.invalid("'messages' must be a list") }
        self.messages = messages
        tools = try Self.optionalList(object["tools"], "tools")
        documents = try Self.optionalList(object["documents"], "documents")
        switch object["add_generation_prompt"] {
        case nil, .none?: addGenerationPrompt = false
        case let .bool(flag)?: addGenerationPrompt = flag
        default: throw Self.invalid("'add_generation_prompt' must be a boolean")
        }
        switch object["continue_final_message"] {
        case nil, .none?, .bool(false)?: continueFinalMessage = nil
        case .bool(true)?: continueFinalMessage = .content
        case let .string(field)?: continueFinalMessage = .field(field)
        default: throw Self.invalid("'continue_final_message' must be a boolean or a field name")
        }
        switch object["chat_template_kwargs"] {
        case nil, .none?: variables = TemplateDictionary()
        case let .dictionary(values)?: variables = values
        default: throw Self.invalid("'chat_template_kwargs' must be an object")
        }
    }

    /// An input read from `apply_chat_template`'s keyword arguments as one JSON object:
    /// `messages` (or `conversation`), `tools`, `documents`, `add_generation_prompt`,
    /// `continue_final_message`, and every other member as a template variable (`enable_thinking`,
    /// …), as transformers passes extra keyword arguments to the template. `chat_template_kwargs`,
    /// when present, adds its members too.
    /// - Throws: `ChatTemplateError` (kind `.invalidInput`) naming the member that has the wrong type.
    public init(arguments: TemplateValue) throws {
        guard var object = arguments.dictionaryValue else { throw Self.invalid("the input must be a JSON object") }
        if object["messages"] == nil, let conversation = object["conversation"] {
            object["messages"] = conversation
        }
        try self.init(request: .dictionary(object))
        for (key, value) in object.entries where !Self.argumentNames.contains(key) {
            variables[key] = value
        }
    }

    /// The members `init(arguments:)` reads as arguments rather than template variables.
    static let argumentNames: Set<String> = [
        "messages", "conversation", "tools", "documents", "add_generation_prompt", "continue_final_message", "chat_template_kwargs",
    ]

    private static func optionalList(_ value: TemplateValue?, _ name: String) throws -> [TemplateValue]? {
        switch value {
        case nil, .none?: return nil
        case let .list(items)?: return items
        default: throw invalid("'\(name)' must be a list")
        }
    }

    static func invalid(_ message: String, exception: String = "ValueError") -> ChatTemplateError {
        ChatTemplateError(kind: .invalidInput, exceptionName: exception, message: message)
    }
}
