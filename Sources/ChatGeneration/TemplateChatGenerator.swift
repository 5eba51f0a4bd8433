import ChatTemplates
import BytePairEncoding
import TransformerRuntime

/// Runs a model whose chat format is a Jinja chat template (Qwen3, DeepSeek-V3): renders the
/// conversation with the template (safe by default), generates until an end-of-turn token (or the
/// length limit), and stream-parses the output into one assistant message as the tokens arrive.
public struct TemplateChatGenerator: Sendable {
    /// The model that generates.
    public let model: LanguageModel
    /// The template and tokenizer that render the prompt and decode the output.
    public let chat: ChatTokenizer

    /// A generator for `model` with `chat` (the model's template over its tokenizer).
    public init(model: LanguageModel, chat: ChatTokenizer) {
        self.model = model
        self.chat = chat
    }

    /// What happens during a generation, in order.
    public enum Event: Sendable, Equatable {
        /// A token was generated.
        case token(TokenID)
        /// The parser reported a delta (reasoning, content, tool-call name or arguments, problem).
        case delta(AssistantDelta)
    }

    /// The outcome of a generation.
    public struct Result: Sendable, Equatable {
        /// The rendered prompt's ids.
        public var promptTokens: [TokenID]
        /// The generated ids, stop token included.
        public var completionTokens: [TokenID]
        /// The parsed assistant message.
        public var message: ParsedAssistantMessage
        /// Why generation ended.
        public var stopReason: GenerationStopReason
    }

    /// Generates the assistant turn that follows `input`, parsed by a `Parser` (such as
    /// `QwenOutputParser`) that starts in reasoning when the prompt opened a `<think>` block.
    /// - Parameters:
    ///   - maxNewTokens: the most tokens to generate.
    ///   - sampling: greedy by default.
    ///   - sanitizeControlTokens: keep control-token text in the input as text (the default).
    ///   - onEvent: called for every token and delta as they happen.
    /// - Throws: `ChatTemplateError` when the conversation cannot be rendered; `ModelError` from the
    ///   model; the tokenizer's error for an id it cannot decode.
    public func generate<Parser: ReasoningAssistantParser>(
        _ input: ChatInput,
        parser: Parser.Type,
        maxNewTokens: Int,
        sampling: SamplingParameters = .greedy,
        sanitizeControlTokens: Bool = true,
        onEvent: (Event) throws -> Void = { _ in }
    ) throws -> Result {
        let prompt = try chat.encode(input, sanitizeControlTokens: sanitizeControlTokens)
        var output = Parser(prompt: prompt.rendered.text)
        var decoder = chat.tokenizer.streamingDecoder()
        let stops = Set(chat.tokenizer.specialTokenRoles.stopIDs + model.configuration.endOfSequenceTokenIds)
        let parameters = GenerationParameters(maxNewTokens: maxNewTokens, sampling: sampling, stopTokenIds: stops)
        let generated = try model.generate(prompt: prompt.ids, parameters: parameters) { id in
            try onEvent(.token(id))
            for delta in output.consume(GeneratedToken(id: id, text: try decoder.push(id))) { try onEvent(.delta(delta)) }
            return .continue
        }
        var last = output.consume(GeneratedToken(id: generated.tokens.last ?? 0, text: decoder.finish()))
        last += output.finish()
        for delta in last { try onEvent(.delta(delta)) }
        return Result(
            promptTokens: prompt.ids, completionTokens: generated.tokens, message: output.output,
            stopReason: generated.stopReason)
    }
}
