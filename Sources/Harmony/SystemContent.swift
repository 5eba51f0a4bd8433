/// The content of a system message: identity, reasoning effort, dates, channels and built-in tools.
public struct SystemContent: Sendable, Hashable {
    /// The default model identity.
    public static let defaultModelIdentity = "You are ChatGPT, a large language model trained by OpenAI."

    /// The model identity line.
    public var modelIdentity: String?
    /// The reasoning effort.
    public var reasoningEffort: ReasoningEffort?
    /// Tool namespaces by key (e.g. `browser`, `python`); rendered in the byte order of the keys.
    public var tools: ToolNamespaces?
    /// The conversation start date (`Current date: …`).
    public var conversationStartDate: String?
    /// The knowledge cutoff (`Knowledge cutoff: …`).
    public var knowledgeCutoff: String?
    /// The channel configuration.
    public var channelConfig: ChannelConfig?

    /// System content. The defaults are openai-harmony's `SystemContent.new()`: the default
    /// identity, medium effort, cutoff 2024-06, channels analysis/commentary/final required.
    public init(
        modelIdentity: String? = SystemContent.defaultModelIdentity,
        reasoningEffort: ReasoningEffort? = .medium,
        tools: ToolNamespaces? = nil,
        conversationStartDate: String? = nil,
        knowledgeCutoff: String? = "2024-06",
        channelConfig: ChannelConfig? = .requireChannels(["analysis", "commentary", "final"])
    ) {
        self.modelIdentity = modelIdentity
        self.reasoningEffort = reasoningEffort
        self.tools = tools
        self.conversationStartDate = conversationStartDate
        self.knowledgeCutoff = knowledgeCutoff
        self.channelConfig = channelConfig
    }

    /// System content with every field nil (what a JSON object with no fields reads as).
    public static let empty = SystemContent(
        modelIdentity: nil, reasoningEffort: nil, tools: nil, conversationStartDate: nil,
        knowledgeCutoff: nil, channelConfig: nil)

    /// A copy with `modelIdentity`.
    public func withModelIdentity(_ value: String?) -> SystemContent { with { $0.modelIdentity = value } }
    /// A copy with `reasoningEffort`.
    public func withReasoningEffort(_ value: ReasoningEffort?) -> SystemContent { with { $0.reasoningEffort = value } }
    /// A copy with `conversationStartDate`.
    public func withConversationStartDate(_ value: String?) -> SystemContent { with { $0.conversationStartDate = value } }
    /// A copy with `knowledgeCutoff`.
    public func withKnowledgeCutoff(_ value: String?) -> SystemContent { with { $0.knowledgeCutoff = value } }
    /// A copy with `channelConfig`.
    public func withChannelConfig(_ value: ChannelConfig?) -> SystemContent { with { $0.channelConfig = value } }
    /// A copy requiring these channels.
    public func withRequiredChannels(_ channels: [String]) -> SystemContent { withChannelConfig(.requireChannels(channels)) }
    /// A copy with the namespace added under its name.
    public func withTools(_ namespace: ToolNamespaceConfig) -> SystemContent {
        with {
            var tools = $0.tools ?? ToolNamespaces()
            tools[namespace.name] = namespace
            $0.tools = tools
        }
    }
    /// A copy with the built-in browser tool.
    public func withBrowserTool() -> SystemContent { withTools(.browser) }
    /// A copy with the built-in python tool.
    public func withPythonTool() -> SystemContent { withTools(.python) }

    private func with(_ change: (inout SystemContent) -> Void) -> SystemContent {
        var copy = self
        change(&copy)
        return copy
    }
}
