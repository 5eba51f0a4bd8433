import BytePairEncoding
import TokenizerSuite
import TransformerRuntime

/// Plain-text generation for any model and tokenizer: the prompt's ids in, new ids out, and their
/// text streamed as it becomes complete UTF-8 (a character split across tokens arrives whole).
public struct TextGenerator: Sendable {
    /// The model that generates.
    public let model: LanguageModel
    /// The tokenizer that decodes the new ids.
    public let tokenizer: any Tokenizer

    public init(model: LanguageModel, tokenizer: any Tokenizer) {
        self.model = model
        self.tokenizer = tokenizer
    }

    /// Generates after `prompt`, passing each piece of new text to `onText` (the last call holds what
    /// an unfinished character left, as U+FFFD).
    /// - Throws: `ModelError`; `UnknownTokenError` for a generated id the tokenizer cannot decode;
    ///   what `onText` throws.
    public func generate(
        prompt: [TokenID], parameters: GenerationParameters, onText: (String) throws -> Void
    ) throws -> GenerationResult {
        var decoder = tokenizer.streamingDecoder()
        let result = try model.generate(prompt: prompt, parameters: parameters) { id in
            let text = try decoder.push(id)
            if !text.isEmpty { try onText(text) }
            return .continue
        }
        let rest = decoder.finish()
        if !rest.isEmpty { try onText(rest) }
        return result
    }
}
