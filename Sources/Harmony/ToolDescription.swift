import OrderedJSON
/// One tool: a name, a description and an optional JSON-schema of its parameters (key order
/// preserved, as it decides the rendered order).
public struct ToolDescription: Sendable, Hashable {
    /// The tool's name.
    public var name: String
    /// The description (rendered as `//` comment lines).
    public var description: String
    /// The parameters' JSON schema; nil renders `() => any`.
    public var parameters: JSONValue?

    /// A tool description.
    public init(name: String, description: String, parameters: JSONValue? = nil) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}
