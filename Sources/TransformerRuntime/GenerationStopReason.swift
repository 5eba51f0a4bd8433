import BytePairEncoding

/// Why a generation ended.
public enum GenerationStopReason: Sendable, Equatable {
    /// The model produced this stop token (it is the last generated token).
    case stopToken(TokenID)
    /// `maxNewTokens` tokens were generated.
    case maximumLength
    /// The token callback asked to stop.
    case cancelled
}
