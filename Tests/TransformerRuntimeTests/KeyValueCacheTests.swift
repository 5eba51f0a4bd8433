import BytePairEncoding
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
        var cachedIds: [TokenID] = []
        var recomputedIds: [TokenID] = []
        var largestDifference: Float = 0
        for _ in 0..<12 {
            let recomputed = try model.logits(for: sequence)
            largestDifference = max(largestDifference, maximumDifference(cachedLogits, recomputed))
            recomputedIds.append(argmax(recomputed))
            let token = argmax(cachedLogits)
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

    @Test func latentAttentionCachesTheLatentAndTheSharedRotaryKeyOnly() throws {
        let model = try LanguageModel(directory: FixtureReference.directory(of: "deepseek-v3-tiny-fp8"))
        let reference = try FixtureReference.load("deepseek-v3-tiny-fp8")
        var cache = model.makeCache()
        _ = try model.forward(reference.promptIds, cache: &cache)
        for token in reference.greedyIds.prefix(3) {
            _ = try model.forward([token], cache: &cache)
        }
        // kv_lora_rank 32 + qk_rope_head_dim 8 floats per token and layer, against
        // 4 heads × (16 + 8 + 12) for the keys and values they stand for.
        let configuration = model.configuration
        #expect(configuration.keyValueCacheBytesPerToken == 3 * 40 * 4)
        #expect(configuration.expandedKeyValueBytesPerToken == 3 * 4 * 36 * 4)
        #expect(cache.byteCount == cache.tokenCount * configuration.keyValueCacheBytesPerToken)
        #expect(cache.tokenCount == reference.promptIds.count + 3)
    }

    @Test func aCacheFromAnotherModelIsRejected() throws {
        // Both have three layers of 128-wide keys; only the sliding windows differ.
        let qwen3 = try LanguageModel(directory: FixtureReference.directory(of: "qwen3-tiny-untied"))
        let gptOss = try LanguageModel(directory: FixtureReference.directory(of: "gpt-oss-tiny"))
        var cache = gptOss.makeCache()
        let error = #expect(throws: ModelError.self) { try qwen3.forward([1, 2], cache: &cache) }
        #expect(error?.kind == .invalidArgument)
    }
}
