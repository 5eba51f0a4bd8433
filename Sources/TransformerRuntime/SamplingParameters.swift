/// How the next token is chosen from the logits.
///
/// With `temperature == 0` the choice is greedy (the highest logit, the lowest id on ties) and
/// the other fields are ignored. Otherwise, in this order: logits are divided by `temperature`;
/// only the `topK` highest are kept (0 keeps all); after a softmax, only the smallest set of most
/// likely tokens whose probabilities reach `topP` is kept; one of them is drawn with a
/// `SplitMix64` generator seeded by `seed`.
public struct SamplingParameters: Sendable, Equatable {
    /// Softmax temperature; 0 means greedy.
    public var temperature: Float
    /// Keep only this many highest logits (0: no limit).
    public var topK: Int
    /// Nucleus threshold in `(0, 1]` (1: no limit).
    public var topP: Float
    /// Seed of the random generator.
    public var seed: UInt64

    /// Creates sampling parameters; the defaults are greedy.
    public init(temperature: Float = 0, topK: Int = 0, topP: Float = 1, seed: UInt64 = 0) {
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.seed = seed
    }

    /// Greedy decoding.
    public static let greedy = SamplingParameters()

    /// Throws unless every field is in range.
    /// - Throws: `ModelError` (`.invalidArgument`) naming the field.
    public func validate() throws {
        guard temperature >= 0, temperature.isFinite else {
            throw ModelError(.invalidArgument, "temperature must be a finite number ≥ 0, got \(temperature)")
        }
        guard topK >= 0 else {
            throw ModelError(.invalidArgument, "top-k must be ≥ 0, got \(topK)")
        }
        guard topP > 0, topP <= 1 else {
            throw ModelError(.invalidArgument, "top-p must be in (0, 1], got \(topP)")
        }
    }
}
