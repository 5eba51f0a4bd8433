import ChatGeneration
import Foundation
import Testing
import TokenizerSuite
import TokenizerSuiteTestSupport
import TransformerRuntime

/// Plain-text generation through a model folder, against transformers' greedy ids
/// (Fixtures/models/qwen3-tiny/reference.json, written by Fixtures/scripts/make_runtime_fixtures.py).
@Suite struct TextGeneratorTests {
    @Test func aModelFolderGeneratesTheReferenceIdsAndTheirText() throws {
        let folder = ModelFolder(FixturePaths.url("models/qwen3-tiny").path)
        #expect(!folder.hasTokenizer)
        #expect(throws: TokenizerError.self) { try folder.loadTokenizer() }
        let reference = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: FixturePaths.url("models/qwen3-tiny/reference.json"))) as? [String: Any])
        let prompt = try #require(reference["prompt_ids"] as? [Int]).map(TokenID.init)
        let greedy = try #require(reference["greedy_ids"] as? [Int]).map(TokenID.init)
        let tokenizer = try TokenizerRegistry.load(named: "qwen3")  // the fixture uses Qwen3's vocabulary
        var streamed = ""
        let result = try TextGenerator(model: folder.loadModel(), tokenizer: tokenizer).generate(
            prompt: prompt, parameters: GenerationParameters(maxNewTokens: greedy.count)) { streamed += $0 }
        #expect(result.tokens == greedy)
        #expect(streamed == (try tokenizer.decode(result.tokens, options: DecodeOptions(invalidUTF8: .replace))))
    }

    @Test func aFolderWithATokenizerBringsItAndItsStopIDs() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tok-model-\(UUID())", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = FixturePaths.url("models/qwen3-tiny"), vocabulary = FixturePaths.packageRoot.appendingPathComponent("Vocab/HuggingFace/huggingface/qwen3")
        for (source, name) in [(model, "config.json"), (model, "model.safetensors"), (vocabulary, "tokenizer.json"), (vocabulary, "tokenizer_config.json")] {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(name), withDestinationURL: source.appendingPathComponent(name))
        }
        try Data(#"{"eos_token_id": [151645, 151643]}"#.utf8).write(to: folder.appendingPathComponent("generation_config.json"))
        let modelFolder = ModelFolder(folder.path)
        #expect(modelFolder.hasTokenizer)
        let tokenizer = try modelFolder.loadTokenizer()
        #expect(tokenizer.specialTokenRoles.stopIDs == [151645, 151643])
        #expect(try modelFolder.loadModel().configuration.endOfSequenceTokenIds.contains(151645))
    }
}
