/// The texts of system and developer contents and their tools section.
enum ContentTemplates {
    /// The text of a system message's content.
    static func systemText(_ content: SystemContent, hasFunctionTools: Bool) -> String {
        var sections: [String] = []
        var top: [String] = []
        if let identity = content.modelIdentity { top.append(identity) }
        if let cutoff = content.knowledgeCutoff { top.append("Knowledge cutoff: \(cutoff)") }
        if let date = content.conversationStartDate { top.append("Current date: \(date)") }
        if !top.isEmpty { sections.append(top.joined(separator: "\n")) }
        if let effort = content.reasoningEffort {
            sections.append("Reasoning: \(effort.rawValue.lowercased())")
        }
        if let tools = content.tools, !tools.isEmpty {
            sections.append(toolsSection(tools))
        }
        if let channels = content.channelConfig, !channels.validChannels.isEmpty {
            var header = "# Valid channels: \(channels.validChannels.joined(separator: ", "))."
            if channels.channelRequired { header += " Channel must be included for every message." }
            if hasFunctionTools {
                header += "\nCalls to these tools must go to the commentary channel: 'functions'."
            }
            sections.append(header)
        }
        return sections.joined(separator: "\n\n")
    }

    /// The text of a developer message's content.
    static func developerText(_ content: DeveloperContent) -> String {
        var sections: [String] = []
        if let instructions = content.instructions {
            sections.append("# Instructions")
            sections.append(instructions)
        }
        if let tools = content.tools, !tools.isEmpty {
            sections.append(toolsSection(tools))
        }
        return sections.joined(separator: "\n\n")
    }

    /// `# Tools` and one block per namespace, in the byte order of the keys.
    static func toolsSection(_ tools: ToolNamespaces) -> String {
        var sections = ["# Tools"]
        for (_, namespace) in tools {
            var lines = ["## \(namespace.name)\n"]
            let hasTools = !namespace.tools.isEmpty
            for line in namespace.description?.rustLines ?? [] {
                lines.append(hasTools ? "// \(line)" : String(line))
            }
            if hasTools {
                lines.append("namespace \(namespace.name) {\n")
                for tool in namespace.tools {
                    for line in tool.description.rustLines { lines.append("// \(line)") }
                    if let parameters = tool.parameters {
                        lines.append("type \(tool.name) = (_: \(TypeScriptSchema.render(parameters, indent: ""))) => any;\n")
                    } else {
                        lines.append("type \(tool.name) = () => any;\n")
                    }
                }
                lines.append("} // namespace \(namespace.name)")
            }
            sections.append(lines.joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n")
    }

    /// Whether a conversation declares function tools: a developer content whose `functions`
    /// namespace has at least one tool.
    static func hasFunctionTools(_ messages: [Message]) -> Bool {
        messages.contains { message in
            message.content.contains { content in
                guard case let .developerContent(developer) = content, let namespace = developer.tools?["functions"]
                else { return false }
                return !namespace.tools.isEmpty
            }
        }
    }
}
