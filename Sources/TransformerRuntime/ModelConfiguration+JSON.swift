import Foundation

extension ModelConfiguration {
    /// Reads `config.json` from `directory`, and the `eos_token_id` of `generation_config.json`
    /// when that file exists.
    /// - Throws: `ModelError` naming the file and the missing or invalid key, or the unsupported
    ///   `model_type`.
    public init(directory: String) throws {
        let path = directory + "/config.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelError(.unreadableFile, "cannot read \(path)")
        }
        try self.init(json: data, source: path)
        let generationPath = directory + "/generation_config.json"
        if let generationData = FileManager.default.contents(atPath: generationPath),
           let object = JSONValue.parse(generationData)?.object {
            for id in ConfigReader.integers(object["eos_token_id"]) where !endOfSequenceTokenIds.contains(id) {
                endOfSequenceTokenIds.append(id)
            }
        }
    }

    /// Parses the contents of a `config.json`.
    /// - Parameter source: how to name the file in error messages.
    /// - Throws: `ModelError` naming the missing or invalid key, or the unsupported `model_type`.
    public init(json: Data, source: String = "config.json") throws {
        guard let object = JSONValue.parse(json) else {
            throw ModelError(.malformedFile, "\(source) is not valid JSON")
        }
        guard let dictionary = object.object else {
            throw ModelError(.malformedFile, "\(source) is not a JSON object")
        }
        try self.init(reader: ConfigReader(values: dictionary, source: source))
    }

    private init(reader: ConfigReader) throws {
        let modelType = try reader.string("model_type")
        guard let architecture = Architecture(rawValue: modelType) else {
            let supported = Architecture.allCases.map(\.rawValue).joined(separator: ", ")
            throw ModelError(
                .unsupportedModelType,
                "\(reader.source): unsupported model_type \"\(modelType)\" (supported: \(supported))")
        }
        self.architecture = architecture
        vocabularySize = try reader.positiveInteger("vocab_size")
        hiddenSize = try reader.positiveInteger("hidden_size")
        layerCount = try reader.positiveInteger("num_hidden_layers")
        attentionHeadCount = try reader.positiveInteger("num_attention_heads")
        keyValueHeadCount = try reader.optionalPositiveInteger("num_key_value_heads") ?? attentionHeadCount
        headDimension = try reader.optionalPositiveInteger("head_dim") ?? hiddenSize / attentionHeadCount
        intermediateSize = try reader.positiveInteger("intermediate_size")
        maxPositionEmbeddings = try reader.optionalPositiveInteger("max_position_embeddings") ?? 4096
        endOfSequenceTokenIds = ConfigReader.integers(reader.values["eos_token_id"])

        switch architecture {
        case .qwen3:
            rmsNormEpsilon = Float(try reader.optionalNumber("rms_norm_eps") ?? 1e-6)
            tieWordEmbeddings = try reader.optionalBool("tie_word_embeddings") ?? false
            attentionBias = try reader.optionalBool("attention_bias") ?? false
            let usesSlidingWindow = try reader.optionalBool("use_sliding_window") ?? false
            let window = usesSlidingWindow ? try reader.optionalPositiveInteger("sliding_window") ?? 4096 : nil
            slidingWindow = window
            let firstSlidingLayer = try reader.optionalInteger("max_window_layers") ?? 28
            let defaultTypes: [AttentionKind] = (0..<layerCount).map { i in
                window != nil && i >= firstSlidingLayer ? .sliding : .full
            }
            layerTypes = try reader.layerTypes(count: layerCount) ?? defaultTypes
            expertCount = 0
            expertsPerToken = 0
            swigluLimit = .infinity
            swigluAlpha = 1
            (ropeTheta, ropeScaling) = try reader.rope(defaultTheta: 10_000, defaultScaling: nil)
        case .gptOss:
            rmsNormEpsilon = Float(try reader.optionalNumber("rms_norm_eps") ?? 1e-5)
            tieWordEmbeddings = try reader.optionalBool("tie_word_embeddings") ?? false
            attentionBias = try reader.optionalBool("attention_bias") ?? true
            slidingWindow = try reader.optionalPositiveInteger("sliding_window") ?? 128
            layerTypes = try reader.layerTypes(count: layerCount)
                ?? (0..<layerCount).map { $0 % 2 == 0 ? .sliding : .full }
            expertCount = try reader.optionalPositiveInteger("num_local_experts")
                ?? reader.positiveInteger("num_experts")
            expertsPerToken = try reader.optionalPositiveInteger("num_experts_per_tok")
                ?? reader.positiveInteger("experts_per_token")
            swigluLimit = Float(try reader.optionalNumber("swiglu_limit") ?? 7)
            swigluAlpha = Float(try reader.optionalNumber("swiglu_alpha") ?? 1.702)
            let defaultYarn = RopeScaling.YarnParameters(
                factor: 32, originalMaxPositionEmbeddings: 4096, betaFast: 32, betaSlow: 1, truncate: false)
            (ropeTheta, ropeScaling) = try reader.rope(defaultTheta: 150_000, defaultScaling: .yarn(defaultYarn))
            guard expertsPerToken <= expertCount else {
                throw ModelError(
                    .invalidConfiguration,
                    "\(reader.source): num_experts_per_tok (\(expertsPerToken)) exceeds the number of experts (\(expertCount))")
            }
        }
        guard attentionHeadCount % keyValueHeadCount == 0 else {
            throw ModelError(
                .invalidConfiguration,
                "\(reader.source): num_attention_heads (\(attentionHeadCount)) is not a multiple of num_key_value_heads (\(keyValueHeadCount))")
        }
        guard headDimension % 2 == 0 else {
            throw ModelError(.invalidConfiguration, "\(reader.source): head_dim (\(headDimension)) must be even for RoPE")
        }
        if layerTypes.contains(.sliding), slidingWindow == nil {
            throw ModelError(.invalidConfiguration, "\(reader.source): layer_types has sliding layers but sliding_window is not set")
        }
    }
}
