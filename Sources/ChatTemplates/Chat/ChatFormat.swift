/// A chat template together with what a tokenizer gives it: the special-token variables
/// (`bos_token`, `eos_token`, …) and the control tokens that sanitization keeps out of the input.
/// Renders conversations exactly as transformers 5.24's `apply_chat_template`.
public struct ChatFormat: Sendable {
    /// The compiled template.
    public let template: ChatTemplate
    /// The tokenizer's special-tokens map (`bos_token`, `eos_token`, `pad_token`, `unk_token`, …).
    public let specialTokens: TemplateDictionary
    /// The control tokens: text that, found in the input, stays text under sanitization.
    public let controlTokens: [String]
    private let marker: ControlTokenMarker

    /// A format.
    public init(template: ChatTemplate, specialTokens: TemplateDictionary, controlTokens: [String]) {
        self.template = template
        self.specialTokens = specialTokens
        self.controlTokens = controlTokens
        marker = ControlTokenMarker(controlTokens: controlTokens)
    }

    /// transformers' default control tokens: the special added tokens, plus the other added
    /// tokens whose text occurs in the template's literal text and is not only whitespace.
    public static func controlTokens(
        template: ChatTemplate, addedTokens: [(content: String, special: Bool)], chatControlTokens: [String]? = nil
    ) -> [String] {
        if let chatControlTokens {
            let listed = Set(chatControlTokens.map(ScalarString.init))
            return addedTokens.filter { $0.special || listed.contains(ScalarString($0.content)) }.map(\.content)
        }
        let literal = PythonStrings.scalars(template.literalText)
        return addedTokens.filter { token in
            if token.special { return true }
            if token.content.unicodeScalars.allSatisfy(PythonCharacters.isSpace) { return false }
            return PythonStrings.find(PythonStrings.scalars(token.content), in: literal) != nil
        }.map(\.content)
    }

    /// Renders `input`.
    /// - Parameters:
    ///   - sanitizeControlTokens: mark control tokens in the input so they stay text
    ///     (transformers' `sanitize_control_tokens=True`); false gives its default.
    ///   - recordGenerationSpans: record `{% generation %}` spans (for assistant masks).
    /// - Throws: `ChatTemplateError`: the template's errors, and transformers' `ValueError`s for
    ///   unusable input.
    public func render(
        _ input: ChatInput, sanitizeControlTokens: Bool = true, recordGenerationSpans: Bool = false,
        options: ChatTemplate.RenderOptions = .init()
    ) throws -> RenderedChat {
        if input.messages.isEmpty {
            throw ChatInput.invalid("Cannot apply chat template to an empty conversation. Provide at least one message.")
        }
        var messages = try ChatInputNormalizer.dropNullKeys(input.messages)
        if input.continueFinalMessage != nil {
            if input.addGenerationPrompt {
                throw ChatInput.invalid(
                    "continue_final_message and add_generation_prompt are not compatible. Use continue_final_message when you want the model to continue the final message, and add_generation_prompt when you want to add a header that will prompt it to start a new assistant message instead.")
            }
            if recordGenerationSpans {
                throw ChatInput.invalid("continue_final_message is not compatible with return_assistant_tokens_mask.")
            }
        }
        var tools = input.tools
        var documents = input.documents
        var variables = input.variables
        if sanitizeControlTokens {
            messages = messages.map(marker.mark)
            tools = tools.map { $0.map(marker.mark) }
            documents = documents.map { $0.map(marker.mark) }
            variables = TemplateDictionary(variables.entries.map { ($0.key, marker.mark($0.value)) })
        }
        if let documents, documents.contains(where: { $0.dictionaryValue == nil }) {
            throw ChatInput.invalid("Documents should be a list of dicts with 'title' and 'text' keys!", exception: "TypeError")
        }
        messages = ChatInputNormalizer.aliasReasoning(messages)
        var continuation: ChatInputNormalizer.Continuation?
        if let field = input.continueFinalMessage {
            continuation = try ChatInputNormalizer.tagFinalMessage(&messages, field: field.fieldName, template: template.source)
        }
        var context = specialTokens
        for (name, value) in variables.entries { context[name] = value }
        for reserved in ["messages", "tools", "documents", "add_generation_prompt"] where context[reserved] != nil {
            throw ChatInput.invalid(
                "render() got multiple values for keyword argument '\(reserved)'", exception: "TypeError")
        }
        context["messages"] = .list(messages)
        context["tools"] = tools.map { .list($0) } ?? TemplateValue.none
        context["documents"] = documents.map { .list($0) } ?? TemplateValue.none
        context["add_generation_prompt"] = .bool(input.addGenerationPrompt)
        var renderOptions = options
        renderOptions.recordGenerationSpans = recordGenerationSpans
        var rendering = try template.render(variables: context, options: renderOptions)
        if let continuation { rendering.text = try continuation.cut(rendering.text) }
        guard sanitizeControlTokens else {
            return RenderedChat(text: rendering.text, segments: [.text(rendering.text)], generationSpans: rendering.generationSpans)
        }
        let segments = marker.split(rendering.text)
        let plain = segments.map(\.text).joined()
        return RenderedChat(
            text: plain, segments: segments, generationSpans: Self.unmarked(rendering.generationSpans, in: rendering.text))
    }

    /// Spans over marked text moved to the same text without its markers.
    private static func unmarked(_ spans: [Range<Int>], in marked: String) -> [Range<Int>] {
        guard !spans.isEmpty else { return [] }
        var before: [Int] = [0]
        var count = 0
        for scalar in marked.unicodeScalars {
            if scalar == ControlTokenMarker.start || scalar == ControlTokenMarker.end { count += 1 }
            before.append(count)
        }
        func moved(_ offset: Int) -> Int { offset - before[min(offset, before.count - 1)] }
        return spans.map { moved($0.lowerBound)..<moved($0.upperBound) }
    }
}
