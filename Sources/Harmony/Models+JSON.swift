import OrderedJSON
// openai-harmony's JSON form of each model type. Fields are read in document order, so the first
// bad field in the document is the one reported, as serde does; missing fields are reported after.

private typealias Reader = JSONFieldReader

extension Conversation: HarmonyJSONConvertible {
    public init(json: JSONValue, path: String) throws {
        let reader = try Reader(json, path: path, expected: "struct Conversation", sequenceFields: ["messages"])
        var messages: [Message]?
        try reader.visitFields(["messages"]) { _, value, path in
            messages = try Reader.array(value, path: path) { try Message(json: $0, path: $1) }
        }
        self.messages = try reader.require(messages, "messages")
    }

    public var json: JSONValue {
        ["messages": .array(messages.map(\.json))]
    }
}

extension Message: HarmonyJSONConvertible {
    public init(json: JSONValue, path: String) throws {
        let reader = try Reader(json, path: path, expected: "struct Message")
        var recipient: String?
        var content: [Content]?
        var channel: String?
        var contentType: String?
        // The author is flattened into the message: its fields are read after the others.
        var roleValue: (JSONValue, String)?
        var nameValue: (JSONValue, String)?
        try reader.visitFields(["role", "name", "recipient", "content", "channel", "content_type"]) { key, value, path in
            switch key {
            case "role": roleValue = (value, path)
            case "name": nameValue = (value, path)
            case "recipient": recipient = try Reader.optional(value, path: path, Reader.string)
            case "channel": channel = try Reader.optional(value, path: path, Reader.string)
            case "content_type": contentType = try Reader.optional(value, path: path, Reader.string)
            default: content = try Self.readContent(value, path: path)
            }
        }
        let contents = try reader.require(content, "content")
        let (roleJSON, rolePath) = try reader.require(roleValue, "role")
        let role = try Reader.enumeration(roleJSON, path: rolePath, as: Role.self)
        let name = try nameValue.flatMap { try Reader.optional($0.0, path: $0.1, Reader.string) }
        self.init(author: Author(role: role, name: name), recipient: recipient, content: contents,
                  channel: channel, contentType: contentType)
    }

    /// A plain string (one text content) or a list of contents.
    private static func readContent(_ value: JSONValue, path: String) throws -> [Content] {
        switch value {
        case let .string(text): return [.text(text)]
        case .array: return try Reader.array(value, path: path) { try Content(json: $0, path: $1) }
        default: throw Reader.invalidType(value, expected: "string or list of content", path: path)
        }
    }

    public var json: JSONValue {
        var object = JSONObject([("role", .string(author.role.rawValue))])
        if let name = author.name { object["name"] = .string(name) }
        if let recipient { object["recipient"] = .string(recipient) }
        if content.count == 1, case let .text(text) = content[0] {
            object["content"] = .string(text)
        } else {
            object["content"] = .array(content.map(\.json))
        }
        if let channel { object["channel"] = .string(channel) }
        if let contentType { object["content_type"] = .string(contentType) }
        return .object(object)
    }
}

extension Content: HarmonyJSONConvertible {
    private static let tags = ["text", "system_content", "developer_content"]

    public init(json: JSONValue, path: String) throws {
        let reader = try Reader(json, path: path, expected: "internally tagged enum Content")
        var tag: String?
        try reader.visitFields(["type"]) { _, value, path in
            guard case let .string(text) = value else {
                throw Reader.invalidType(value, expected: "variant identifier", path: path)
            }
            tag = text
        }
        switch try reader.require(tag, "type") {
        case "text":
            var text: String?
            try reader.visitFields(["text"]) { _, value, path in text = try Reader.string(value, path: path) }
            self = .text(try reader.require(text, "text"))
        case "system_content":
            self = .systemContent(try SystemContent(json: json, path: path))
        case "developer_content":
            self = .developerContent(try DeveloperContent(json: json, path: path))
        case let other:
            let names = Self.tags.map { "`\($0)`" }.joined(separator: ", ")
            throw Reader.error("unknown variant `\(other)`, expected one of \(names)", at: reader.path(of: "type"))
        }
    }

    public var json: JSONValue {
        switch self {
        case let .text(text):
            return ["type": "text", "text": .string(text)]
        case let .systemContent(content):
            return content.json.tagged("system_content")
        case let .developerContent(content):
            return content.json.tagged("developer_content")
        }
    }
}

extension JSONValue {
    /// This object with `"type": tag` first (serde's internally tagged form).
    fileprivate func tagged(_ tag: String) -> JSONValue {
        var object = JSONObject([("type", .string(tag))])
        for (key, value) in objectValue?.entries ?? [] { object[key] = value }
        return .object(object)
    }
}

/// Reads a map of tool namespaces.
private func readNamespaces(_ value: JSONValue, path: String) throws -> ToolNamespaces {
    guard case let .object(object) = value else { throw Reader.invalidType(value, expected: "a map", path: path) }
    var namespaces = ToolNamespaces()
    for (key, element) in object.rawEntries {
        namespaces[key] = try ToolNamespaceConfig(json: element, path: Reader.member(key, of: path))
    }
    return namespaces
}

/// Writes a map of tool namespaces in the byte order of the keys.
private func namespacesJSON(_ tools: ToolNamespaces) -> JSONValue {
    .object(JSONObject(tools.map { (key: $0.key, value: $0.value.json) }))
}

extension SystemContent: HarmonyJSONConvertible {
    public init(json: JSONValue, path: String) throws {
        let reader = try Reader(json, path: path, expected: "struct SystemContent")
        var content = SystemContent.empty
        let fields = ["model_identity", "reasoning_effort", "tools", "conversation_start_date", "knowledge_cutoff", "channel_config"]
        try reader.visitFields(fields) { key, value, path in
            switch key {
            case "model_identity": content.modelIdentity = try Reader.optional(value, path: path, Reader.string)
            case "reasoning_effort":
                content.reasoningEffort = try Reader.optional(value, path: path) {
                    try Reader.enumeration($0, path: $1, as: ReasoningEffort.self)
                }
            case "tools": content.tools = try Reader.optional(value, path: path, readNamespaces)
            case "conversation_start_date": content.conversationStartDate = try Reader.optional(value, path: path, Reader.string)
            case "knowledge_cutoff": content.knowledgeCutoff = try Reader.optional(value, path: path, Reader.string)
            default: content.channelConfig = try Reader.optional(value, path: path) { try ChannelConfig(json: $0, path: $1) }
            }
        }
        self = content
    }

    public var json: JSONValue {
        var object = JSONObject()
        if let modelIdentity { object["model_identity"] = .string(modelIdentity) }
        if let reasoningEffort { object["reasoning_effort"] = .string(reasoningEffort.rawValue) }
        if let tools { object["tools"] = namespacesJSON(tools) }
        if let conversationStartDate { object["conversation_start_date"] = .string(conversationStartDate) }
        if let knowledgeCutoff { object["knowledge_cutoff"] = .string(knowledgeCutoff) }
        if let channelConfig { object["channel_config"] = channelConfig.json }
        return .object(object)
    }
}

extension DeveloperContent: HarmonyJSONConvertible {
    public init(json: JSONValue, path: String) throws {
        let reader = try Reader(json, path: path, expected: "struct DeveloperContent")
        var instructions: String?
        var tools: ToolNamespaces?
        try reader.visitFields(["instructions", "tools"]) { key, value, path in
            if key == "instructions" {
                instructions = try Reader.optional(value, path: path, Reader.string)
            } else {
                tools = try Reader.optional(value, path: path, readNamespaces)
            }
        }
        self.init(instructions: instructions, tools: tools)
    }

    public var json: JSONValue {
        var object = JSONObject()
        if let instructions { object["instructions"] = .string(instructions) }
        if let tools { object["tools"] = namespacesJSON(tools) }
        return .object(object)
    }
}

extension ChannelConfig: HarmonyJSONConvertible {
    public init(json: JSONValue, path: String) throws {
        let fields = ["valid_channels", "channel_required"]
        let reader = try Reader(json, path: path, expected: "struct ChannelConfig", sequenceFields: fields)
        var channels: [String]?
        var required: Bool?
        try reader.visitFields(fields) { key, value, path in
            if key == "valid_channels" {
                channels = try Reader.array(value, path: path, Reader.string)
            } else {
                required = try Reader.bool(value, path: path)
            }
        }
        self.init(validChannels: try reader.require(channels, "valid_channels"),
                  channelRequired: try reader.require(required, "channel_required"))
    }

    public var json: JSONValue {
        ["valid_channels": .array(validChannels.map(JSONValue.string)), "channel_required": .bool(channelRequired)]
    }
}

extension ToolNamespaceConfig: HarmonyJSONConvertible {
    public init(json: JSONValue, path: String) throws {
        let fields = ["name", "description", "tools"]
        let reader = try Reader(json, path: path, expected: "struct ToolNamespaceConfig", sequenceFields: fields)
        var name: String?
        var description: String?
        var tools: [ToolDescription]?
        try reader.visitFields(fields) { key, value, path in
            switch key {
            case "name": name = try Reader.string(value, path: path)
            case "description": description = try Reader.optional(value, path: path, Reader.string)
            default: tools = try Reader.array(value, path: path) { try ToolDescription(json: $0, path: $1) }
            }
        }
        self.init(name: try reader.require(name, "name"), description: description, tools: try reader.require(tools, "tools"))
    }

    public var json: JSONValue {
        var object = JSONObject([("name", .string(name))])
        if let description { object["description"] = .string(description) }
        object["tools"] = .array(tools.map(\.json))
        return .object(object)
    }
}

extension ToolDescription: HarmonyJSONConvertible {
    public init(json: JSONValue, path: String) throws {
        let fields = ["name", "description", "parameters"]
        let reader = try Reader(json, path: path, expected: "struct ToolDescription", sequenceFields: fields)
        var name: String?
        var description: String?
        var parameters: JSONValue?
        try reader.visitFields(fields) { key, value, path in
            switch key {
            case "name": name = try Reader.string(value, path: path)
            case "description": description = try Reader.string(value, path: path)
            default: parameters = value.isNull ? nil : Optional(value)
            }
        }
        self.init(name: try reader.require(name, "name"), description: try reader.require(description, "description"),
                  parameters: parameters)
    }

    public var json: JSONValue {
        var object = JSONObject([("name", .string(name)), ("description", .string(description))])
        if let parameters { object["parameters"] = parameters }
        return .object(object)
    }
}
