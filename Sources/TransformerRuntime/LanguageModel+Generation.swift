import BytePairEncoding

extension LanguageModel {
    /// Generates tokens after `prompt`, calling `onToken` with each new id as soon as it is chosen.
    ///
    /// The prompt is fed in one batch, then one token per step through a key-value cache.
    /// - Parameters:
    ///   - prompt: the ids to continue (at least one).
    ///   - parameters: length, sampling and stop tokens.
    ///   - onToken: called once per generated id, in order; return `.stop` to end early.
    /// - Throws: `ModelError` for an empty prompt, an id outside the vocabulary or invalid
    ///   sampling parameters; rethrows errors of `onToken`.
    public func generate(
        prompt: [TokenID], parameters: GenerationParameters,
        onToken: (TokenID) throws -> GenerationControl = { _ in .continue }
    ) throws -> GenerationResult {
        guard !prompt.isEmpty else {
            throw ModelError(.invalidArgument, "the prompt is empty")
        }
        var sampler = try TokenSampler(parameters.sampling)
        guard parameters.maxNewTokens >= 0 else {
            throw ModelError(.invalidArgument, "maxNewTokens must be ≥ 0, got \(parameters.maxNewTokens)")
        }
        var cache = makeCache()
        var tokens: [TokenID] = []
        guard parameters.maxNewTokens > 0 else {
            return GenerationResult(tokens: [], stopReason: .maximumLength)
        }
        var logits = try forward(prompt, cache: &cache)
        while true {
            let token = sampler.sample(logits)
            tokens.append(token)
            let control = try onToken(token)
            if parameters.stopTokenIds.contains(token) {
                return GenerationResult(tokens: tokens, stopReason: .stopToken(token))
            }
            if control == .stop {
                return GenerationResult(tokens: tokens, stopReason: .cancelled)
            }
            if tokens.count == parameters.maxNewTokens {
                return GenerationResult(tokens: tokens, stopReason: .maximumLength)
            }
            logits = try forward([token], cache: &cache)
        }
    }
}
