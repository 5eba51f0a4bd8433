import Foundation
import Testing
import TransformerRuntime

/// Seeded sampling: reproducible, and restricted the way the parameters say.
@Suite struct SamplingTests {
    static let logits: [Float] = [0, 2, 1, -1, 1.5, 0.5]

    @Test func greedyPicksTheHighestLogitWithTiesToTheLowerId() throws {
        var sampler = try TokenSampler(.greedy)
        #expect(sampler.sample(Self.logits) == 1)
        #expect(sampler.sample([3, 5, 5, 1]) == 1)
    }

    @Test func theSameSeedGivesTheSameTokens() throws {
        let parameters = SamplingParameters(temperature: 1.3, topK: 0, topP: 1, seed: 42)
        var first = try TokenSampler(parameters)
        var second = try TokenSampler(parameters)
        let a = (0..<50).map { _ in first.sample(Self.logits) }
        let b = (0..<50).map { _ in second.sample(Self.logits) }
        #expect(a == b)
        #expect(Set(a).count > 2)
        var other = try TokenSampler(SamplingParameters(temperature: 1.3, seed: 43))
        #expect((0..<50).map { _ in other.sample(Self.logits) } != a)
    }

    @Test func topKAndTopPRestrictTheCandidates() throws {
        var topK = try TokenSampler(SamplingParameters(temperature: 5, topK: 2, seed: 1))
        #expect(Set((0..<200).map { _ in topK.sample(Self.logits) }) == [1, 4])
        // Probabilities at T = 1 are ≈ .43, .26, .16, ...: top-p 0.6 keeps the first two.
        var topP = try TokenSampler(SamplingParameters(temperature: 1, topP: 0.6, seed: 1))
        #expect(Set((0..<200).map { _ in topP.sample(Self.logits) }) == [1, 4])
        var tiny = try TokenSampler(SamplingParameters(temperature: 1, topP: 0.01, seed: 1))
        #expect(Set((0..<50).map { _ in tiny.sample(Self.logits) }) == [1])
    }

    @Test func frequenciesFollowTheSoftmax() throws {
        // Logits 0 and ln 3: probabilities 1/4 and 3/4.
        var sampler = try TokenSampler(SamplingParameters(temperature: 1, seed: 7))
        let draws = 8000
        let ones = (0..<draws).filter { _ in sampler.sample([0, Float(log(3.0))]) == 1 }.count
        #expect(abs(Double(ones) / Double(draws) - 0.75) < 0.025)
    }

    @Test func invalidParametersAreRejected() {
        #expect(throws: ModelError.self) { try TokenSampler(SamplingParameters(temperature: -1)) }
        #expect(throws: ModelError.self) { try TokenSampler(SamplingParameters(temperature: 1, topP: 0)) }
        #expect(throws: ModelError.self) { try TokenSampler(SamplingParameters(temperature: 1, topK: -2)) }
    }
}
