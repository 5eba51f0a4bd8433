import BytePairEncoding

extension HarmonyEncoding {
    /// The tokens of `conversation` followed by `<|start|>` and `nextRole`: the prompt to complete.
    /// `config` nil never drops analysis messages; the default drops them as openai-harmony's
    /// Python API does.
    /// - Throws: `HarmonyError` (kind `.render`).
    public func renderConversationForCompletion(
        _ conversation: Conversation, nextRole: Role, config: RenderConversationConfig? = RenderConversationConfig()
    ) throws -> [TokenID] {
        var out = try renderConversation(conversation, config: config)
        out.append(formattingTokens.start)
        try appendText(nextRole.rawValue, to: &out)
        return out
    }

    /// The tokens of `conversation` for training: as `renderConversation`, and when the last message
    /// is an assistant message on `final`, its closing `<|end|>` becomes `<|return|>`.
    /// - Throws: `HarmonyError` (kind `.render`).
    public func renderConversationForTraining(
        _ conversation: Conversation, config: RenderConversationConfig? = RenderConversationConfig()
    ) throws -> [TokenID] {
        var out = try renderConversation(conversation, config: config)
        if let last = conversation.messages.last, last.author.role == .assistant, last.channel == "final",
           !out.isEmpty {
            out[out.count - 1] = formattingTokens.returnToken
        }
        return out
    }

    /// The tokens of every message of `conversation`. With `config.autoDropAnalysis`, when the last
    /// assistant message is on `final`, `analysis` messages before the first `final` message are left
    /// out.
    /// - Throws: `HarmonyError` (kind `.render`).
    public func renderConversation(
        _ conversation: Conversation, config: RenderConversationConfig? = RenderConversationConfig()
    ) throws -> [TokenID] {
        let messages = conversation.messages
        let options = RenderOptions(conversationHasFunctionTools: ContentTemplates.hasFunctionTools(messages))
        let lastAssistantIsFinal = messages.last { $0.author.role == .assistant }.map { $0.channel == "final" } ?? false
        let dropping = (config?.autoDropAnalysis ?? false) && lastAssistantIsFinal
        let firstFinal = messages.firstIndex { $0.channel == "final" }
        var out: [TokenID] = []
        for (index, message) in messages.enumerated() {
            if dropping, let firstFinal, index < firstFinal, message.channel == "analysis" { continue }
            try render(message, options: options, into: &out)
        }
        return out
    }

    /// The tokens of one message.
    /// - Throws: `HarmonyError` (kind `.render`): a tool message without a name, system or developer
    ///   content in a message of another role.
    public func render(_ message: Message, options: RenderOptions = RenderOptions()) throws -> [TokenID] {
        var out: [TokenID] = []
        try render(message, options: options, into: &out)
        return out
    }

    func render(_ message: Message, options: RenderOptions, into out: inout [TokenID]) throws {
        out.append(formattingTokens.start)
        if message.author.role == .tool {
            guard let name = message.author.name else { throw HarmonyError(.render, "Tools should have a name!") }
            try appendText(name, to: &out)
        } else {
            try appendText(message.author.role.rawValue, to: &out)
            if let name = message.author.name { try appendText(":" + name, to: &out) }
        }
        if let recipient = message.recipient, recipient != "all" {
            try appendText(" to=" + recipient, to: &out)
        }
        if let channel = message.channel {
            out.append(formattingTokens.channel)
            try appendText(channel, to: &out)
        }
        if let contentType = message.contentType {
            let marker = "<|constrain|>"
            if contentType.utf8.starts(with: marker.utf8) {
                try appendText(" ", to: &out)
                out.append(formattingTokens.constrain)
                let rest = String(decoding: contentType.utf8.dropFirst(marker.utf8.count), as: UTF8.self)
                try appendText(rest, to: &out)
            } else {
                try appendText(" " + contentType, to: &out)
            }
        }
        out.append(formattingTokens.message)
        for content in message.content {
            switch content {
            case let .text(text):
                try appendText(text, to: &out)
            case let .systemContent(system):
                guard message.author.role == .system else {
                    throw HarmonyError(.render, "SystemContent may only appear in system messages, found in \(message.author.role.debugName)")
                }
                try appendText(ContentTemplates.systemText(system, hasFunctionTools: options.conversationHasFunctionTools), to: &out)
            case let .developerContent(developer):
                guard message.author.role == .developer else {
                    throw HarmonyError(.render, "DeveloperContent may only appear in developer messages, found in \(message.author.role.debugName)")
                }
                try appendText(ContentTemplates.developerText(developer), to: &out)
            }
        }
        let isCall = message.author.role == .assistant && message.recipient != nil
        out.append(isCall ? formattingTokens.call : formattingTokens.end)
    }
}
