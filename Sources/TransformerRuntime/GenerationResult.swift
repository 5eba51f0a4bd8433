/// The outcome of a generation.
public struct GenerationResult: Sendable, Equatable {
    /// The generated ids, stop token included.
    public var tokens: [Int]
    /// Why generation ended.
    public var stopReason: GenerationStopReason
}
