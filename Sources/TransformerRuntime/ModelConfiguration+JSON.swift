import Foundation

extension ModelConfiguration {
    /// Reads `config.json` from `directory`, and the `eos_token_id` of `generation_config.json`
    /// when that file exists (it then replaces `config.json`'s, as in transformers' `generate`).
    /// - Throws: `ModelError` naming the file and the missing or invalid key, or the unsupported
    ///   `model_type`.
    public init(directory: String) throws {
        let path = directory + "/config.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelError(.unreadableFile, "cannot read \(path)")
        }
        try self.init(json: data, source: path)
        let generationPath = directory + "/generation_config.json"
        if let generationData = FileManager.default.contents(atPath: generationPath) {
            let reader = try ConfigReader(parsing: generationData, source: generationPath)
            if let ids = try reader.optionalTokenIds("eos_token_id", vocabularySize: vocabularySize) {
                endOfSequenceTokenIds = ids
            }
        }
    }

    /// Parses the contents of a `config.json`.
    /// - Parameter source: how to name the file in error messages.
    /// - Throws: `ModelError` naming the missing or invalid key, or the unsupported `model_type`.
    public init(json: Data, source: String = "config.json") throws {
        try self.init(reader: ConfigReader(parsing: json, source: source))
    }

    private init(reader: ConfigReader) throws {
        let modelType = try reader.string("model_type")
        guard let architecture = Architecture(rawValue: modelType) else {
            let supported = Architecture.allCases.map(\.rawValue).joined(separator: ", ")
            throw ModelError(
                .unsupportedModelType,
                "\(reader.source): unsupported model_type \"\(modelType)\" (supported: \(supported))")
        }
        typealias Limits = ConfigurationLimits
        self.architecture = architecture
        vocabularySize = try reader.positiveInteger("vocab_size", atMost: Limits.vocabularySize)
        hiddenSize = try reader.positiveInteger("hidden_size", atMost: Limits.width)
        layerCount = try reader.positiveInteger("num_hidden_layers", atMost: Limits.layers)
        attentionHeadCount = try reader.positiveInteger("num_attention_heads", atMost: Limits.heads)
        keyValueHeadCount = try reader.optionalPositiveInteger("num_key_value_heads", atMost: Limits.heads)
            ?? attentionHeadCount
        headDimension = try reader.optionalPositiveInteger("head_dim", atMost: Limits.headDimension)
            ?? hiddenSize / attentionHeadCount
        intermediateSize = try reader.positiveInteger("intermediate_size", atMost: Limits.width)
        maxPositionEmbeddings = try reader.optionalPositiveInteger("max_position_embeddings", atMost: Limits.positions)
            ?? 4096
        endOfSequenceTokenIds = try reader.optionalTokenIds("eos_token_id", vocabularySize: vocabularySize) ?? []
        rmsNormEpsilon = Float(try reader.optionalNumber("rms_norm_eps") ?? (architecture == .gptOss ? 1e-5 : 1e-6))
        tieWordEmbeddings = try reader.optionalBool("tie_word_embeddings") ?? false
        attentionBias = try reader.optionalBool("attention_bias") ?? (architecture == .gptOss)
        layerTypes = Array(repeating: .full, count: layerCount)
        feedForwardKinds = Array(repeating: .dense, count: layerCount)
        (ropeTheta, ropeScaling) = (10_000, .none)
        quantization = try reader.quantization(for: architecture)
        if architecture != .gptOss, let activation = try reader.optionalString("hidden_act"), activation != "silu" {
            throw reader.invalid("hidden_act", "\"silu\" for \(modelType)")
        }

        switch architecture {
        case .qwen3: try readQwen3(reader)
        case .qwen3Moe: try readQwen3Moe(reader)
        case .gptOss: try readGptOss(reader)
        case .deepseekV3: try readDeepseekV3(reader)
        }
        try validate(reader)
    }

    /// The checks every architecture shares, after its own keys are read.
    private func validate(_ reader: ConfigReader) throws {
        guard headDimension > 0 else {
            throw reader.invalid("head_dim", "positive (hidden_size / num_attention_heads is 0)")
        }
        guard attentionHeadCount % keyValueHeadCount == 0 else {
            throw ModelError(
                .invalidConfiguration,
                "\(reader.source): num_attention_heads (\(attentionHeadCount)) is not a multiple of num_key_value_heads (\(keyValueHeadCount))")
        }
        guard rotaryDimension % 2 == 0 else {
            let key = latentAttention == nil ? "head_dim" : "qk_rope_head_dim"
            throw ModelError(.invalidConfiguration, "\(reader.source): \(key) (\(rotaryDimension)) must be even for RoPE")
        }
        if layerTypes.contains(.sliding), slidingWindow == nil {
            throw ModelError(.invalidConfiguration, "\(reader.source): layer_types has sliding layers but sliding_window is not set")
        }
        if feedForwardKinds.contains(.experts) {
            guard expertsPerToken <= expertCount else {
                throw ModelError(
                    .invalidConfiguration,
                    "\(reader.source): num_experts_per_tok (\(expertsPerToken)) exceeds the number of experts (\(expertCount))")
            }
        }
    }
}

extension ConfigReader {
    /// `quantization_config`, if any.
    /// - Throws: `ModelError` naming an unknown `quant_method`, a `weight_block_size` that is not
    ///   two positive integers, or an FP8 format other than e4m3.
    func quantization(for architecture: ModelConfiguration.Architecture) throws -> WeightQuantization {
        guard let nested = try optionalObject("quantization_config") else { return .none }
        let method = try nested.string("quant_method")
        switch method {
        case "fp8":
            if let format = try nested.optionalString("fmt"), format != "e4m3" {
                throw nested.invalid("fmt", "\"e4m3\" (float8_e4m3fn weights)")
            }
            guard let sizes = try nested.optionalIntegers("weight_block_size", in: 1..<(ConfigurationLimits.blockSize + 1)) else {
                // transformers' FineGrainedFP8Config default.
                return .fp8(blockRows: 128, blockColumns: 128)
            }
            guard sizes.count == 2 else {
                throw nested.invalid("weight_block_size", "two positive integers [rows, columns]")
            }
            return .fp8(blockRows: sizes[0], blockColumns: sizes[1])
        case "mxfp4" where architecture == .gptOss:
            return .mxfp4
        default:
            throw ModelError(
                .invalidConfiguration,
                "\(source): unsupported quant_method \"\(method)\" at \"\(nested.path("quant_method"))\" for \(architecture.rawValue) (supported: fp8\(architecture == .gptOss ? ", mxfp4" : ""))")
        }
    }
}
