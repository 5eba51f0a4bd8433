import BytePairEncoding
import Testing
import TransformerRuntime

/// The runtime reproduces transformers' f32 greedy decoding of the fixture models exactly, with
/// logits within 1e-3.
@Suite struct GreedyReferenceTests {
    static let logitTolerance: Float = 1e-3

    @Test(arguments: FixtureReference.modelNames)
    func greedyIdsAndLogitsMatchTransformers(name: String) throws {
        let reference = try FixtureReference.load(name)
        let model = try LanguageModel(directory: FixtureReference.directory(of: name))
        var cache = model.makeCache()
        var logits = try model.forward(reference.promptIds, cache: &cache)

        let sample = reference.promptLogitsSample
        let sampled = sample.ids.map { logits[$0] }
        #expect(maximumDifference(sampled, sample.logits) <= Self.logitTolerance, "prompt logits of \(name)")

        var generated: [TokenID] = []
        for (index, step) in reference.steps.enumerated() {
            let ours = step.topIds.map { logits[$0] }
            let difference = maximumDifference(ours, step.topLogits)
            #expect(difference <= Self.logitTolerance, "\(name) step \(index): top logits differ by \(difference)")
            let token = argmax(logits)
            generated.append(token)
            if index + 1 < reference.steps.count {
                logits = try model.forward([token], cache: &cache)
            }
        }
        #expect(generated == reference.greedyIds)
    }

    @Test(arguments: FixtureReference.modelNames)
    func generateLoopReproducesGreedyIdsAndStreamsThem(name: String) throws {
        let reference = try FixtureReference.load(name)
        let model = try LanguageModel(directory: FixtureReference.directory(of: name))
        var streamed: [TokenID] = []
        let result = try model.generate(
            prompt: reference.promptIds,
            parameters: GenerationParameters(maxNewTokens: reference.greedyIds.count)
        ) { token in
            streamed.append(token)
            return .continue
        }
        #expect(result.tokens == reference.greedyIds)
        #expect(streamed == reference.greedyIds)
        #expect(result.stopReason == .maximumLength)
    }

    @Test func generationEndsAtTheFirstStopToken() throws {
        let reference = try FixtureReference.load("qwen3-tiny-untied")
        let model = try LanguageModel(directory: FixtureReference.directory(of: "qwen3-tiny-untied"))
        let stop = reference.greedyIds[5]
        let firstStop = reference.greedyIds.firstIndex(of: stop)!
        let result = try model.generate(
            prompt: reference.promptIds,
            parameters: GenerationParameters(maxNewTokens: 20, stopTokenIds: [stop]))
        #expect(result.tokens == Array(reference.greedyIds[...firstStop]))
        #expect(result.stopReason == .stopToken(stop))
    }

    @Test func callbackCanCancel() throws {
        let reference = try FixtureReference.load("qwen3-tiny")
        let model = try LanguageModel(directory: FixtureReference.directory(of: "qwen3-tiny"))
        let result = try model.generate(
            prompt: reference.promptIds, parameters: GenerationParameters(maxNewTokens: 20)
        ) { _ in .stop }
        #expect(result.tokens == [reference.greedyIds[0]])
        #expect(result.stopReason == .cancelled)
    }
}
