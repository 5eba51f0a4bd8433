import Foundation
import Testing
import TransformerRuntime

/// `config.json` in both key forms, and the errors for configurations the runtime cannot use.
@Suite struct ConfigurationTests {
    static let gptOssHub = """
        {"model_type": "gpt_oss", "vocab_size": 201088, "hidden_size": 2880, "intermediate_size": 2880,
         "num_hidden_layers": 4, "num_attention_heads": 64, "num_key_value_heads": 8, "head_dim": 64,
         "num_local_experts": 32, "experts_per_token": 4, "sliding_window": 128,
         "rope_theta": 150000, "rope_scaling": {"beta_fast": 32.0, "beta_slow": 1.0, "factor": 32.0,
           "original_max_position_embeddings": 4096, "rope_type": "yarn", "truncate": false},
         "rms_norm_eps": 1e-05, "swiglu_limit": 7.0, "tie_word_embeddings": false, "eos_token_id": 200002}
        """

    static let gptOssV5 = """
        {"model_type": "gpt_oss", "vocab_size": 201088, "hidden_size": 2880, "intermediate_size": 2880,
         "num_hidden_layers": 4, "num_attention_heads": 64, "num_key_value_heads": 8, "head_dim": 64,
         "num_local_experts": 32, "num_experts_per_tok": 4, "sliding_window": 128,
         "layer_types": ["sliding_attention", "full_attention", "sliding_attention", "full_attention"],
         "rope_parameters": {"rope_theta": 150000.0, "rope_type": "yarn", "factor": 32.0, "beta_fast": 32.0,
           "beta_slow": 1.0, "original_max_position_embeddings": 4096, "truncate": false},
         "rms_norm_eps": 1e-05, "swiglu_limit": 7.0, "swiglu_alpha": 1.702, "tie_word_embeddings": false,
         "eos_token_id": 200002}
        """

    static func parse(_ json: String) throws -> ModelConfiguration {
        try ModelConfiguration(json: Data(json.utf8))
    }

    @Test func hubAndTransformersV5FormsAgree() throws {
        let hub = try Self.parse(Self.gptOssHub)
        let v5 = try Self.parse(Self.gptOssV5)
        #expect(hub == v5)
        #expect(hub.architecture == .gptOss)
        #expect(hub.expertsPerToken == 4)
        #expect(hub.layerTypes == [.sliding, .full, .sliding, .full])
        #expect(hub.ropeTheta == 150_000)
        #expect(hub.swigluAlpha == 1.702)
        guard case .yarn(let yarn) = hub.ropeScaling else {
            Issue.record("expected YaRN scaling")
            return
        }
        #expect(yarn.truncate == false)
        #expect(yarn.factor == 32)
        #expect(yarn.originalMaxPositionEmbeddings == 4096)
    }

    @Test func qwen3DefaultsAndBothRopeForms() throws {
        let hub = try Self.parse("""
            {"model_type": "qwen3", "vocab_size": 151936, "hidden_size": 1024, "intermediate_size": 3072,
             "num_hidden_layers": 28, "num_attention_heads": 16, "num_key_value_heads": 8, "head_dim": 128,
             "rope_theta": 1000000, "rope_scaling": null, "tie_word_embeddings": true,
             "use_sliding_window": false, "sliding_window": null, "max_window_layers": 28, "eos_token_id": 151645}
            """)
        let v5 = try Self.parse("""
            {"model_type": "qwen3", "vocab_size": 151936, "hidden_size": 1024, "intermediate_size": 3072,
             "num_hidden_layers": 28, "num_attention_heads": 16, "num_key_value_heads": 8, "head_dim": 128,
             "rope_parameters": {"rope_theta": 1000000.0, "rope_type": "default"}, "tie_word_embeddings": true,
             "eos_token_id": 151645}
            """)
        #expect(hub == v5)
        #expect(hub.ropeScaling == .none)
        #expect(hub.rmsNormEpsilon == 1e-6)
        #expect(hub.layerTypes.allSatisfy { $0 == .full })
        #expect(hub.slidingWindow == nil)
        #expect(hub.endOfSequenceTokenIds == [151645])
    }

    @Test func qwen3SlidingWindowAppliesFromMaxWindowLayers() throws {
        let configuration = try Self.parse("""
            {"model_type": "qwen3", "vocab_size": 10, "hidden_size": 8, "intermediate_size": 8,
             "num_hidden_layers": 4, "num_attention_heads": 2, "use_sliding_window": true,
             "sliding_window": 16, "max_window_layers": 2}
            """)
        #expect(configuration.layerTypes == [.full, .full, .sliding, .sliding])
        #expect(configuration.slidingWindow == 16)
        #expect(configuration.headDimension == 4)
    }

    @Test func unsupportedModelTypeIsNamed() throws {
        let error = #expect(throws: ModelError.self) {
            try Self.parse(#"{"model_type": "llama", "vocab_size": 10}"#)
        }
        #expect(error?.kind == .unsupportedModelType)
        #expect(error?.description.contains("\"llama\"") == true)
        #expect(error?.description.contains("qwen3, gpt_oss") == true)
    }

    @Test func missingAndMistypedKeysAreNamed() throws {
        let missing = #expect(throws: ModelError.self) {
            try Self.parse(#"{"model_type": "qwen3", "vocab_size": 10, "num_hidden_layers": 1}"#)
        }
        #expect(missing?.kind == .invalidConfiguration)
        #expect(missing?.description.contains("\"hidden_size\"") == true)

        let mistyped = #expect(throws: ModelError.self) {
            try Self.parse(Self.gptOssV5.replacingOccurrences(of: #""tie_word_embeddings": false"#, with: #""tie_word_embeddings": 0"#))
        }
        #expect(mistyped?.description.contains("tie_word_embeddings") == true)

        let fractional = #expect(throws: ModelError.self) {
            try Self.parse(Self.gptOssV5.replacingOccurrences(of: #""head_dim": 64"#, with: #""head_dim": 64.5"#))
        }
        #expect(fractional?.description.contains("head_dim") == true)
    }

    @Test func unsupportedRopeTypeAndBadLayerTypesAreNamed() throws {
        let rope = #expect(throws: ModelError.self) {
            try Self.parse(Self.gptOssV5.replacingOccurrences(of: #""rope_type": "yarn""#, with: #""rope_type": "llama3""#))
        }
        #expect(rope?.description.contains("llama3") == true)

        let layers = #expect(throws: ModelError.self) {
            try Self.parse(Self.gptOssV5.replacingOccurrences(of: #"["sliding_attention", "full_attention", "sliding_attention", "full_attention"]"#, with: #"["sliding_attention"]"#))
        }
        #expect(layers?.description.contains("layer_types has 1 entries for 4 layers") == true)

        let heads = #expect(throws: ModelError.self) {
            try Self.parse(Self.gptOssV5.replacingOccurrences(of: #""num_key_value_heads": 8"#, with: #""num_key_value_heads": 5"#))
        }
        #expect(heads?.description.contains("num_key_value_heads") == true)
    }

    @Test func nestedKeysAreNamedByTheirJSONPath() throws {
        for (from, to, expected) in [
            (#""factor": 32.0"#, #""factor": -1"#, #"config.json: "rope_parameters.factor" must be a positive number, found -1"#),
            (#""truncate": false"#, #""truncate": "no""#, #"config.json: "rope_parameters.truncate" must be true or false, found "no""#),
            (#""rope_type": "yarn""#, #""rope_type": "llama3""#,
             #"config.json: unsupported RoPE type "llama3" at "rope_parameters.rope_type" (supported: default, yarn)"#),
            (#""rope_theta": 150000.0"#, #""rope_theta": 0.5"#, #"config.json: "rope_parameters.rope_theta" must be greater than 1, found 0.5"#),
            (#"["sliding_attention", "full_attention", "sliding_attention", "full_attention"]"#,
             #"["sliding_attention", "full_attention", "sliding", "full_attention"]"#,
             #"config.json: "layer_types[2]" is "sliding", neither full_attention nor sliding_attention"#),
            (#""rope_parameters": {"#, #""rope_parameters": 4, "x": {"#, #"config.json: "rope_parameters" must be an object, found 4"#),
        ] {
            let json = Self.gptOssV5.replacingOccurrences(of: from, with: to)
            #expect(json != Self.gptOssV5)
            let error = #expect(throws: ModelError.self) { try Self.parse(json) }
            #expect(error?.kind == .invalidConfiguration)
            #expect(error?.description == expected)
        }
        let syntax = #expect(throws: ModelError.self) { try Self.parse("{\"model_type\": \"qwen3\",\n}") }
        #expect(syntax?.kind == .malformedFile)
        #expect(syntax?.description == "config.json is not valid JSON: trailing comma at line 2 column 1")
        let array = #expect(throws: ModelError.self) { try Self.parse("[1]") }
        #expect(array?.description == "config.json is not a JSON object (found an array)")
    }

    @Test func generationConfigAddsStopTokens() throws {
        let configuration = try ModelConfiguration(directory: FixtureReference.directory(of: "gpt-oss-tiny"))
        #expect(configuration.endOfSequenceTokenIds == [200002, 199999, 200012])
        #expect(configuration.vocabularySize == 201088)
    }

    @Test func notJSONIsReported() throws {
        let error = #expect(throws: ModelError.self) { try Self.parse("{model_type: qwen3") }
        #expect(error?.kind == .malformedFile)
    }
}
