import Foundation
import Testing
@testable import TransformerRuntime

/// Every dimension and count of config.json is checked against the tensors before anything is
/// allocated from it, with errors naming the key; weights stay in the mapped files.
@Suite struct CheckpointValidationTests {
    static func tinyConfig(_ from: String, _ to: String) -> String {
        TinyQwen3Checkpoint.config.replacingOccurrences(of: from, with: to)
    }

    static func loadError(configuration: String) throws -> ModelError? {
        let directory = try TinyQwen3Checkpoint.write(configuration: configuration)
        defer { SafetensorsWriter.remove(directory) }
        return #expect(throws: ModelError.self) { try LanguageModel(directory: directory) }
    }

    @Test func countsThatDisagreeWithTheTensorsAreNamed() throws {
        let layers = try Self.loadError(configuration: Self.tinyConfig(#""num_hidden_layers": 2"#, #""num_hidden_layers": 3"#))
        #expect(layers?.kind == .invalidConfiguration)
        #expect(layers?.description
            == "config.json: num_hidden_layers is 3, but the checkpoint has layers 0...1 (no model.layers.2.input_layernorm.weight)")
        let vocabulary = try Self.loadError(configuration: Self.tinyConfig(#""vocab_size": 16"#, #""vocab_size": 17"#))
        #expect(vocabulary?.description == "config.json: vocab_size is 17, but tensor model.embed_tokens.weight has shape [16, 8]")
        let width = try Self.loadError(configuration: Self.tinyConfig(#""intermediate_size": 12"#, #""intermediate_size": 10"#))
        #expect(width?.description == "config.json: intermediate_size is 10, but tensor model.layers.0.mlp.gate_proj.weight has shape [12, 8]")
        let heads = try Self.loadError(configuration: Self.tinyConfig(#""num_attention_heads": 2"#, #""num_attention_heads": 4"#))
        #expect(heads?.description.hasPrefix("config.json: num_attention_heads × head_dim is 16") == true)
        let huge = try Self.loadError(configuration: Self.tinyConfig(#""num_hidden_layers": 2"#, #""num_hidden_layers": 2147483648"#))
        #expect(huge?.description.contains(#""num_hidden_layers" must be at most 4096, found 2147483648"#) == true)
    }

    /// A copy of a fixture folder whose config.json has `from` replaced by `to`.
    static func editedFixture(_ name: String, _ from: String, _ to: String) throws -> String {
        let directory = try SafetensorsWriter.temporaryDirectory()
        let source = FixtureReference.directory(of: name)
        for file in try FileManager.default.contentsOfDirectory(atPath: source) where file != "config.json" {
            try FileManager.default.createSymbolicLink(atPath: directory + "/" + file, withDestinationPath: source + "/" + file)
        }
        let config = try String(contentsOfFile: source + "/config.json", encoding: .utf8)
        #expect(config.contains(from))
        try SafetensorsWriter.write(Data(config.replacingOccurrences(of: from, with: to).utf8), to: directory + "/config.json")
        return directory
    }

    @Test(arguments: [
        ("deepseek-v3-tiny-fp8", #""n_routed_experts": 16"#, #""n_routed_experts": 32"#, "n_routed_experts (or num_local_experts) is 32"),
        ("deepseek-v3-tiny-fp8", #""kv_lora_rank": 32"#, #""kv_lora_rank": 24"#, "kv_lora_rank + qk_rope_head_dim is 32"),
        ("deepseek-v3-tiny-fp8", #""v_head_dim": 12"#, #""v_head_dim": 16"#, "num_attention_heads × (qk_nope_head_dim + v_head_dim) is 128"),
        ("deepseek-v3-tiny-fp8", #""moe_intermediate_size": 12"#, #""moe_intermediate_size": 8"#, "moe_intermediate_size is 8"),
        ("qwen3-moe-tiny", #""num_local_experts": 8"#, #""num_local_experts": 9"#, "num_experts (or num_local_experts) is 9"),
        ("qwen3-moe-tiny", #""num_hidden_layers": 3"#, #""num_hidden_layers": 5"#, "num_hidden_layers is 5, but the checkpoint has layers 0...2"),
    ])
    func sparseModelCountsThatDisagreeWithTheTensorsAreNamed(fixture: String, from: String, to: String, named: String) throws {
        let directory = try Self.editedFixture(fixture, from, to)
        defer { SafetensorsWriter.remove(directory) }
        let error = #expect(throws: ModelError.self) { try LanguageModel(directory: directory) }
        #expect(error?.kind == .invalidConfiguration)
        #expect(error?.description.hasPrefix("config.json: \(named)") == true, "\(error?.description ?? "")")
    }

    @Test func weightsAreReadInPlaceAndOnlyActiveExpertsCount() throws {
        let qwen = try LanguageModel(directory: FixtureReference.directory(of: "qwen3-moe-tiny"))
        #expect(qwen.embedding.owners.first is MappedFile)
        guard case .bfloat16 = qwen.embedding.encoding else {
            Issue.record("expected bf16 embeddings read in place")
            return
        }
        let deepseek = try LanguageModel(directory: FixtureReference.directory(of: "deepseek-v3-tiny-fp8"))
        guard case .experts(let moe) = deepseek.layers[1].feedForward, case .swiGLU(let expert) = moe.experts[3],
              case .float8 = expert.down.encoding
        else {
            Issue.record("expected FP8 experts")
            return
        }
        #expect(expert.down.owners.allSatisfy { $0 is MappedFile })
        // Per token: the head, layer 0 dense, and per sparse layer the router, 4 of 16 experts and the shared one.
        let attention = deepseek.layers.reduce(0) { $0 + $1.attention.byteCount }
        guard case .gated(let dense) = deepseek.layers[0].feedForward else { return }
        let sparse = moe.router.weight.byteCount + 5 * expert.byteCount
        #expect(deepseek.weightBytesPerToken == deepseek.head.byteCount + attention + dense.byteCount + 2 * sparse)
    }
}
