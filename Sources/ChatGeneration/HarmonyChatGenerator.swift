import BytePairEncoding
import Harmony
import TransformerRuntime

/// Runs a gpt-oss-style model on a harmony conversation: renders it for completion, generates
/// until `<|return|>` or `<|call|>` (or the length limit), and stream-parses the output into
/// messages as the tokens arrive.
public struct HarmonyChatGenerator: Sendable {
    /// The model that generates.
    public let model: LanguageModel
    /// The harmony encoding that renders the prompt and parses the output.
    public let encoding: HarmonyEncoding

    /// A generator for `model` with `encoding` (usually `HarmonyEncoding.gptOss()`).
    public init(model: LanguageModel, encoding: HarmonyEncoding) {
        self.model = model
        self.encoding = encoding
    }

    /// What happens during a generation, in order.
    public enum Event: Sendable, Equatable {
        /// A token was generated.
        case token(TokenID)
        /// Text was added to the message in progress.
        case contentDelta(text: String, channel: String?, recipient: String?)
        /// A message is complete.
        case messageFinished(Message)
    }

    /// The outcome of a generation.
    public struct Result: Sendable, Equatable {
        /// The rendered prompt.
        public var promptTokens: [TokenID]
        /// The generated tokens, stop token included.
        public var completionTokens: [TokenID]
        /// The parsed messages of the completion.
        public var messages: [Message]
        /// Why generation ended.
        public var stopReason: GenerationStopReason
    }

    /// Generates the next turn of `conversation` for `nextRole`.
    /// - Parameters:
    ///   - maxNewTokens: the most tokens to generate.
    ///   - sampling: greedy by default.
    ///   - strict: parse the output strictly (as openai-harmony's default).
    ///   - stopAtActions: stop at `<|return|>` or `<|call|>` (otherwise generate `maxNewTokens`).
    ///   - onEvent: called for every token, content delta and finished message as they happen.
    /// - Throws: `HarmonyError` when the conversation cannot be rendered or the output does not
    ///   parse; `ModelError` from the model.
    public func generate(
        _ conversation: Conversation,
        nextRole: Role = .assistant,
        maxNewTokens: Int,
        sampling: SamplingParameters = .greedy,
        strict: Bool = true,
        stopAtActions: Bool = true,
        onEvent: (Event) throws -> Void = { _ in }
    ) throws -> Result {
        let prompt = try encoding.renderConversationForCompletion(conversation, nextRole: nextRole)
        var parser = StreamableParser(encoding: encoding, role: nextRole, strict: strict)
        let stops = stopAtActions ? Set(encoding.stopTokensForAssistantActions) : []
        let parameters = GenerationParameters(maxNewTokens: maxNewTokens, sampling: sampling, stopTokenIds: stops)
        let generated = try model.generate(prompt: prompt, parameters: parameters) { id in
            try onEvent(.token(id))
            let finishedBefore = parser.messages.count
            try parser.process(id)
            if case .content = parser.state, let delta = parser.lastContentDelta, !delta.isEmpty {
                try onEvent(.contentDelta(text: delta, channel: parser.currentChannel, recipient: parser.currentRecipient))
            }
            for message in parser.messages[finishedBefore...] { try onEvent(.messageFinished(message)) }
            return .continue
        }
        let finishedBefore = parser.messages.count
        try parser.processEOS()
        for message in parser.messages[finishedBefore...] { try onEvent(.messageFinished(message)) }
        return Result(
            promptTokens: prompt,
            completionTokens: generated.tokens,
            messages: parser.messages,
            stopReason: generated.stopReason)
    }
}
