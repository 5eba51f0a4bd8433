import BytePairEncoding

/// Chooses tokens from logits according to `SamplingParameters`, keeping its random state
/// between calls.
package struct TokenSampler: Sendable {
    /// The parameters in use.
    package let parameters: SamplingParameters
    private var generator: SplitMix64

    /// A sampler for `parameters`.
    /// - Throws: `ModelError` (`.invalidArgument`) if a parameter is out of range.
    package init(_ parameters: SamplingParameters) throws {
        try parameters.validate()
        self.parameters = parameters
        generator = SplitMix64(seed: parameters.seed)
    }

    /// The id of the chosen token.
    /// - Precondition: `logits` is not empty.
    /// - Complexity: O(n) when greedy or with a small `topK`; O(n log n) for top-p over all tokens.
    package mutating func sample(_ logits: [Float]) -> TokenID {
        precondition(!logits.isEmpty, "logits must not be empty")
        if parameters.temperature == 0 {
            return TokenID(VectorMath.topK(logits, k: 1)[0])
        }
        // Candidates, most likely first.
        let candidates: [Int]
        if parameters.topK > 0 {
            candidates = VectorMath.topK(logits, k: parameters.topK)
        } else {
            candidates = logits.indices.filter { !logits[$0].isNaN }.sorted {
                logits[$0] > logits[$1] || (logits[$0] == logits[$1] && $0 < $1)
            }
        }
        guard !candidates.isEmpty else { return 0 }
        let inverseTemperature = 1 / parameters.temperature
        var probabilities = VectorMath.softmax(candidates.map { logits[$0] * inverseTemperature })
        var kept = probabilities.count
        if parameters.topP < 1 {
            var cumulative: Float = 0
            kept = 0
            while kept < probabilities.count, cumulative < parameters.topP {
                cumulative += probabilities[kept]
                kept += 1
            }
            probabilities.removeLast(probabilities.count - kept)
        }
        let total = probabilities.reduce(0, +)
        let target = Float(generator.nextUnitInterval()) * total
        var cumulative: Float = 0
        for (index, probability) in probabilities.enumerated() {
            cumulative += probability
            if target < cumulative { return TokenID(candidates[index]) }
        }
        return TokenID(candidates[kept - 1])
    }
}
