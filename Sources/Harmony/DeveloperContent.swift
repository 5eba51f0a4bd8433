/// The content of a developer message: instructions and tool namespaces.
public struct DeveloperContent: Sendable, Hashable {
    /// The instructions (rendered under `# Instructions`, even when empty).
    public var instructions: String?
    /// Tool namespaces by key; rendered in the byte order of the keys.
    public var tools: ToolNamespaces?

    /// Developer content.
    public init(instructions: String? = nil, tools: ToolNamespaces? = nil) {
        self.instructions = instructions
        self.tools = tools
    }

    /// A copy with `instructions`.
    public func withInstructions(_ instructions: String) -> DeveloperContent {
        var copy = self
        copy.instructions = instructions
        return copy
    }

    /// A copy with the namespace added under its name.
    public func withTools(_ namespace: ToolNamespaceConfig) -> DeveloperContent {
        var copy = self
        var tools = copy.tools ?? ToolNamespaces()
        tools[namespace.name] = namespace
        copy.tools = tools
        return copy
    }

    /// A copy with `tools` as the `functions` namespace (no description).
    public func withFunctionTools(_ tools: [ToolDescription]) -> DeveloperContent {
        withTools(ToolNamespaceConfig(name: "functions", description: nil, tools: tools))
    }
}
