// openai-harmony's JSON form of each model type.

extension Conversation: HarmonyJSONConvertible {
    public init(json: JSONValue, path: String) throws {
        let reader = try JSONFieldReader(json, path: path, expected: "struct Conversation", sequenceFields: ["messages"])
        try reader.rejectDuplicates(of: ["messages"])
        messages = try reader.required("messages") { value, path in
            try JSONFieldReader.array(value, path: path) { try Message(json: $0, path: $1) }
        }
    }

    public var json: JSONValue {
        ["messages": .array(messages.map(\.json))]
    }
}

extension Message: HarmonyJSONConvertible {
    private static let fields = ["role", "name", "recipient", "content", "channel", "content_type"]

    public init(json: JSONValue, path: String) throws {
        let reader = try JSONFieldReader(json, path: path, expected: "struct Message")
        try reader.rejectDuplicates(of: Self.fields)
        // The author is flattened into the message, so its fields are checked after the others.
        let recipient = try reader.optional("recipient", JSONFieldReader.string)
        let content = try reader.required("content") { value, path -> [Content] in
            switch value {
            case let .string(text): return [.text(text)]
            case .array: return try JSONFieldReader.array(value, path: path) { try Content(json: $0, path: $1) }
            default: throw JSONFieldReader.invalidType(value, expected: "string or list of content", path: path)
            }
        }
        let channel = try reader.optional("channel", JSONFieldReader.string)
        let contentType = try reader.optional("content_type", JSONFieldReader.string)
        let role = try reader.required("role") { try JSONFieldReader.enumeration($0, path: $1, as: Role.self) }
        let name = try reader.optional("name", JSONFieldReader.string)
        self.init(author: Author(role: role, name: name), recipient: recipient, content: content,
                  channel: channel, contentType: contentType)
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
        let reader = try JSONFieldReader(json, path: path, expected: "internally tagged enum Content")
        try reader.rejectDuplicates(of: ["type"])
        let tag = try reader.required("type", JSONFieldReader.string)
        switch tag {
        case "text":
            try reader.rejectDuplicates(of: ["text"])
            self = .text(try reader.required("text", JSONFieldReader.string))
        case "system_content":
            self = .systemContent(try SystemContent(json: json, path: path))
        case "developer_content":
            self = .developerContent(try DeveloperContent(json: json, path: path))
        default:
            let names = Self.tags.map { "`\($0)`" }.joined(separator: ", ")
            throw JSONFieldReader.error("unknown variant `\(tag)`, expected one of \(names)", at: reader.path(of: "type"))
        }
    }

    public var json: JSONValue {
        switch self {
        case let .text(text):
            return ["type": "text", "text": .string(text)]
        case let .systemContent(content):
            return content.taggedJSON
        case let .developerContent(content):
            return content.taggedJSON
        }
    }
}

/// Reads a map of tool namespaces.
private func readNamespaces(_ value: JSONValue, path: String) throws -> [String: ToolNamespaceConfig] {
    try JSONFieldReader.map(value, path: path) { try ToolNamespaceConfig(json: $0, path: $1) }
}

/// Writes a map of tool namespaces in the byte order of the keys.
private func namespacesJSON(_ tools: [String: ToolNamespaceConfig]) -> JSONValue {
    .object(JSONObject(tools.sortedByKeyBytes().map { (key: $0.key, value: $0.value.json) }))
}

extension Dictionary where Key == String {
    /// The entries in the byte order of the keys (Rust's `BTreeMap<String, _>` order).
    func sortedByKeyBytes() -> [(key: String, value: Value)] {
        sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, $0.value) }
    }
}

extension SystemContent: HarmonyJSONConvertible {
    private static let fields = [
        "model_identity", "reasoning_effort", "tools", "conversation_start_date", "knowledge_cutoff", "channel_config",
    ]

    public init(json: JSONValue, path: String) throws {
        let reader = try JSONFieldReader(json, path: path, expected: "struct SystemContent")
        try reader.rejectDuplicates(of: Self.fields)
        self = .empty
        modelIdentity = try reader.optional("model_identity", JSONFieldReader.string)
        reasoningEffort = try reader.optional("reasoning_effort") {
            try JSONFieldReader.enumeration($0, path: $1, as: ReasoningEffort.self)
        }
        tools = try reader.optional("tools", readNamespaces)
        conversationStartDate = try reader.optional("conversation_start_date", JSONFieldReader.string)
        knowledgeCutoff = try reader.optional("knowledge_cutoff", JSONFieldReader.string)
        channelConfig = try reader.optional("channel_config") { try ChannelConfig(json: $0, path: $1) }
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

    /// The JSON form inside a message's content list.
    var taggedJSON: JSONValue {
        var object = JSONObject([("type", "system_content")])
        for (key, value) in json.objectValue?.entries ?? [] { object[key] = value }
        return .object(object)
    }
}

extension DeveloperContent: HarmonyJSONConvertible {
    public init(json: JSONValue, path: String) throws {
        let reader = try JSONFieldReader(json, path: path, expected: "struct DeveloperContent")
        try reader.rejectDuplicates(of: ["instructions", "tools"])
        instructions = try reader.optional("instructions", JSONFieldReader.string)
        tools = try reader.optional("tools", readNamespaces)
    }

    public var json: JSONValue {
        var object = JSONObject()
        if let instructions { object["instructions"] = .string(instructions) }
        if let tools { object["tools"] = namespacesJSON(tools) }
        return .object(object)
    }

    /// The JSON form inside a message's content list.
    var taggedJSON: JSONValue {
        var object = JSONObject([("type", "developer_content")])
        for (key, value) in json.objectValue?.entries ?? [] { object[key] = value }
        return .object(object)
    }
}

extension ChannelConfig: HarmonyJSONConvertible {
    public init(json: JSONValue, path: String) throws {
        let reader = try JSONFieldReader(
            json, path: path, expected: "struct ChannelConfig", sequenceFields: ["valid_channels", "channel_required"])
        try reader.rejectDuplicates(of: ["valid_channels", "channel_required"])
        validChannels = try reader.required("valid_channels") { value, path in
            try JSONFieldReader.array(value, path: path, JSONFieldReader.string)
        }
        channelRequired = try reader.required("channel_required", JSONFieldReader.bool)
    }

    public var json: JSONValue {
        ["valid_channels": .array(validChannels.map(JSONValue.string)), "channel_required": .bool(channelRequired)]
    }
}

extension ToolNamespaceConfig: HarmonyJSONConvertible {
    public init(json: JSONValue, path: String) throws {
        let reader = try JSONFieldReader(
            json, path: path, expected: "struct ToolNamespaceConfig", sequenceFields: ["name", "description", "tools"])
        try reader.rejectDuplicates(of: ["name", "description", "tools"])
        name = try reader.required("name", JSONFieldReader.string)
        description = try reader.optional("description", JSONFieldReader.string)
        tools = try reader.required("tools") { value, path in
            try JSONFieldReader.array(value, path: path) { try ToolDescription(json: $0, path: $1) }
        }
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
        let reader = try JSONFieldReader(
            json, path: path, expected: "struct ToolDescription", sequenceFields: ["name", "description", "parameters"])
        try reader.rejectDuplicates(of: ["name", "description", "parameters"])
        name = try reader.required("name", JSONFieldReader.string)
        description = try reader.required("description", JSONFieldReader.string)
        parameters = try reader.optional("parameters") { value, _ in value }
    }

    public var json: JSONValue {
        var object = JSONObject([("name", .string(name)), ("description", .string(description))])
        if let parameters { object["parameters"] = parameters }
        return .object(object)
    }
}
