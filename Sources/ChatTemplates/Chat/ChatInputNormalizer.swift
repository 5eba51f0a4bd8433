/// transformers' input normalisation before a chat is rendered.
enum ChatInputNormalizer {
    /// The names a message's reasoning is passed under; the first is the one templates read.
    static let reasoningFields = ["reasoning_content", "thinking", "reasoning"]
    static let continueTag = "CONTINUE_FINAL_MESSAGE_TAG "

    /// `_normalize_chat_messages`: every message must be a dictionary; keys whose value is null
    /// are dropped (nested values are left as they are).
    static func dropNullKeys(_ messages: [TemplateValue]) throws -> [TemplateValue] {
        try messages.map { message in
            guard let dictionary = message.dictionaryValue else {
                throw ChatInput.invalid(
                    "Chat messages should be dicts, dataclasses or pydantic models, but got \(Self.describe(message)).",
                    exception: "TypeError")
            }
            guard dictionary.entries.contains(where: { $0.value == .none }) else { return message }
            return .dictionary(TemplateDictionary(dictionary.entries.filter { $0.value != .none }))
        }
    }

    private static func describe(_ value: TemplateValue) -> String {
        (try? Value(value, depth: 0, limit: 64).represented()) ?? "a message"
    }

    /// `_alias_reasoning_fields`: a message with reasoning under any of its names gets it as both
    /// `thinking` (first, unless already there) and `reasoning_content`.
    static func aliasReasoning(_ messages: [TemplateValue]) -> [TemplateValue] {
        messages.map { message in
            guard let dictionary = message.dictionaryValue else { return message }
            guard let reasoning = reasoningFields.lazy.compactMap({ field -> TemplateValue? in
                guard let value = dictionary[field], value != .none else { return nil }
                return value
            }).first else { return message }
            var aliased = TemplateDictionary([("thinking", reasoning)])
            for (key, value) in dictionary.entries { aliased[key] = value }
            aliased["reasoning_content"] = reasoning
            return .dictionary(aliased)
        }
    }

    /// What `continue_final_message` needs after the render: the final message's text, to find
    /// the tag and cut the output there.
    struct Continuation {
        let finalMessage: String

        /// Cuts the rendered chat at the tag, as transformers does.
        func cut(_ rendered: String) throws -> String {
            let stripped = PythonStrings.strip(finalMessage, characters: nil, leading: true, trailing: true)
            let tag = ChatInputNormalizer.continueTag
            let tagStripped = String(tag.dropLast())
            let scalars = PythonStrings.scalars(rendered)
            guard PythonStrings.contains(stripped, in: rendered),
                let location = PythonStrings.findLast(PythonStrings.scalars(tagStripped), in: scalars)
            else {
                throw ChatInput.invalid(
                    "continue_final_message is set but the final message does not appear in the chat after applying the chat template! This can happen if the chat template deletes portions of the final message. Please verify the chat template and final message in your chat to ensure they are compatible.Final message to continue: \(stripped)\nRendered chat:\n\(rendered)")
            }
            let prefix = PythonStrings.string(scalars[..<location])
            let tagScalars = PythonStrings.scalars(tag)
            if location + tagScalars.count <= scalars.count,
                scalars[location..<(location + tagScalars.count)].elementsEqual(tagScalars)
            {
                return prefix
            }
            return PythonStrings.strip(prefix, characters: nil, leading: false, trailing: true)
        }
    }

    /// Appends the continue tag to the last message's field (every reasoning alias holding the
    /// same text, or the last text part of a content list).
    static func tagFinalMessage(_ messages: inout [TemplateValue], field: String, template: String) throws -> Continuation {
        guard var last = messages.last?.dictionaryValue else {
            throw ChatInput.invalid("continue_final_message is set but the conversation is empty!")
        }
        guard let final = last[field], final != .none else {
            throw ChatInput.invalid("continue_final_message is set but the final message has no \"\(field)\" to continue!")
        }
        var fields = [field]
        if reasoningFields.contains(field) { fields = reasoningFields.filter { last[$0] == final } }
        if !fields.contains(where: { template.utf8.count >= $0.utf8.count && PythonStrings.contains($0, in: template) }) {
            throw ChatInput.invalid(
                "continue_final_message is set to \"\(field)\" but this is not an accepted field in the chat_template")
        }
        let finalText: String
        if case var .list(parts) = final {
            guard let index = parts.lastIndex(where: { $0.dictionaryValue?["text"] != nil }),
                var part = parts[index].dictionaryValue, case let .string(text)? = part["text"]
            else {
                throw ChatInput.invalid(
                    "continue_final_message is set but we could not find any text to continue in the final message!")
            }
            finalText = text
            part["text"] = .string(text + continueTag)
            parts[index] = .dictionary(part)
            last[field] = .list(parts)
        } else {
            guard case let .string(text) = final else {
                throw ChatInput.invalid("can only concatenate str (not \"\(final)\") to str", exception: "TypeError")
            }
            finalText = text
            for name in fields {
                if case let .string(value)? = last[name] { last[name] = .string(value + continueTag) }
            }
        }
        messages[messages.count - 1] = .dictionary(last)
        return Continuation(finalMessage: finalText)
    }
}
