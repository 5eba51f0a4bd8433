import BytePairEncoding

/// Limits and stop conditions of a generation.
public struct GenerationParameters: Sendable, Equatable {
    /// The most tokens to generate.
    public var maxNewTokens: Int
    /// How each token is chosen.
    public var sampling: SamplingParameters
    /// Generation ends after producing one of these ids (which is returned as the last token).
    public var stopTokenIds: Set<TokenID>

    /// Creates generation parameters; by default greedy with no stop tokens.
    public init(maxNewTokens: Int, sampling: SamplingParameters = .greedy, stopTokenIds: Set<TokenID> = []) {
        self.maxNewTokens = maxNewTokens
        self.sampling = sampling
        self.stopTokenIds = stopTokenIds
    }
}
