/// Limits and stop conditions of a generation.
public struct GenerationParameters: Sendable, Equatable {
    /// The most tokens to generate.
    public var maxNewTokens: Int
    /// How each token is chosen.
    public var sampling: SamplingParameters
    /// Generation ends after producing one of these ids (which is returned as the last token).
    public var stopTokenIds: Set<Int>

    /// Creates generation parameters; by default greedy with no stop tokens.
    public init(maxNewTokens: Int, sampling: SamplingParameters = .greedy, stopTokenIds: Set<Int> = []) {
        self.maxNewTokens = maxNewTokens
        self.sampling = sampling
        self.stopTokenIds = stopTokenIds
    }
}

/// Why a generation ended.
public enum GenerationStopReason: Sendable, Equatable {
    /// The model produced this stop token (it is the last generated token).
    case stopToken(Int)
    /// `maxNewTokens` tokens were generated.
    case maximumLength
    /// The token callback asked to stop.
    case cancelled
}

/// What the token callback of a generation returns.
public enum GenerationControl: Sendable {
    /// Keep generating.
    case `continue`
    /// Stop after this token.
    case stop
}

/// The outcome of a generation.
public struct GenerationResult: Sendable, Equatable {
    /// The generated ids, stop token included.
    public var tokens: [Int]
    /// Why generation ended.
    public var stopReason: GenerationStopReason
}
