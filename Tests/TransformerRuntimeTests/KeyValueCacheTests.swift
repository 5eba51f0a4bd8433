import Testing
import TransformerRuntime

/// Decoding through the key-value cache gives what recomputing the whole sequence gives.
@Suite struct KeyValueCacheTests {
    @Test(arguments: FixtureReference.modelNames)
    func cachedDecodingEqualsFullRecomputation(name: String) throws {
        let reference = try FixtureReference.load(name)
        let model = try LanguageModel(directory: FixtureReference.directory(of: name))
        var cache = model.makeCache()
        var sequence = reference.promptIds
        var cachedLogits = try model.forward(sequence, cache: &cache)
        var cachedIds: [Int] = []
        var recomputedIds: [Int] = []
        var largestDifference: Float = 0
        for _ in 0..<12 {
            let recomputed = try model.logits(for: sequence)
            largestDifference = max(largestDifference, maximumDifference(cachedLogits, recomputed))
            recomputedIds.append(VectorMath.topK(recomputed, k: 1)[0])
            let token = VectorMath.topK(cachedLogits, k: 1)[0]
            cachedIds.append(token)
            sequence.append(token)
            cachedLogits = try model.forward([token], cache: &cache)
        }
        #expect(cachedIds == recomputedIds)
        #expect(largestDifference <= 1e-3)
    }

    @Test(arguments: FixtureReference.modelNames)
    func promptFedOneTokenAtATimeEqualsOneBatch(name: String) throws {
        let reference = try FixtureReference.load(name)
        let model = try LanguageModel(directory: FixtureReference.directory(of: name))
        var stepwise = model.makeCache()
        var stepLogits: [Float] = []
        for token in reference.promptIds {
            stepLogits = try model.forward([token], cache: &stepwise)
        }
        let batchLogits = try model.logits(for: reference.promptIds)
        #expect(maximumDifference(stepLogits, batchLogits) <= 1e-3)
        #expect(VectorMath.topK(stepLogits, k: 1) == VectorMath.topK(batchLogits, k: 1))
        #expect(stepwise.tokenCount == reference.promptIds.count)
    }

    @Test func slidingLayersKeepOnlyTheirWindow() throws {
        let model = try LanguageModel(directory: FixtureReference.directory(of: "gpt-oss-tiny"))
        let configuration = model.configuration
        let window = try #require(configuration.slidingWindow)
        let slidingLayers = configuration.layerTypes.filter { $0 == .sliding }.count
        let fullLayers = configuration.layerCount - slidingLayers
        #expect(slidingLayers > 0 && fullLayers > 0)
        let reference = try FixtureReference.load("gpt-oss-tiny")
        #expect(reference.promptIds.count + reference.greedyIds.count > window)
        var cache = model.makeCache()
        _ = try model.forward(reference.promptIds, cache: &cache)
        for token in reference.greedyIds.prefix(5) {
            _ = try model.forward([token], cache: &cache)
        }
        let seen = cache.tokenCount
        #expect(seen == reference.promptIds.count + 5)
        // The next query sees window − 1 earlier positions, so that is all a sliding layer keeps.
        #expect(cache.storedRowCount == fullLayers * seen + slidingLayers * (window - 1))
    }
}
