import BytePairEncoding

/// The outcome of a generation.
public struct GenerationResult: Sendable, Equatable {
    /// The generated ids, stop token included.
    public var tokens: [TokenID]
    /// Why generation ended.
    public var stopReason: GenerationStopReason
}
