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

/// Typed access to the keys of a parsed `config.json`, with errors that name the key.
struct ConfigReader {
    let values: [String: JSONValue]
    let source: String

    private func missing(_ key: String) -> ModelError {
        ModelError(.invalidConfiguration, "\(source): missing \"\(key)\"")
    }

    private func invalid(_ key: String, _ expected: String) -> ModelError {
        ModelError(.invalidConfiguration, "\(source): \"\(key)\" must be \(expected), found \(values[key]?.description ?? "nothing")")
    }

    private func present(_ key: String) -> JSONValue? {
        guard let value = values[key] else { return nil }
        if case .null = value { return nil }
        return value
    }

    func string(_ key: String) throws -> String {
        guard let value = present(key) else { throw missing(key) }
        guard let string = value.string else { throw invalid(key, "a string") }
        return string
    }

    func optionalNumber(_ key: String) throws -> Double? {
        guard let value = present(key) else { return nil }
        guard let number = value.number else { throw invalid(key, "a number") }
        return number
    }

    func optionalInteger(_ key: String) throws -> Int? {
        guard let value = present(key) else { return nil }
        guard let integer = value.integer else { throw invalid(key, "an integer") }
        return integer
    }

    func optionalPositiveInteger(_ key: String) throws -> Int? {
        guard let value = try optionalInteger(key) else { return nil }
        guard value > 0 else { throw invalid(key, "a positive integer") }
        return value
    }

    func positiveInteger(_ key: String) throws -> Int {
        guard let value = try optionalPositiveInteger(key) else { throw missing(key) }
        return value
    }

    func optionalBool(_ key: String) throws -> Bool? {
        guard let value = present(key) else { return nil }
        guard let flag = value.bool else { throw invalid(key, "true or false") }
        return flag
    }

    func layerTypes(count: Int) throws -> [ModelConfiguration.AttentionKind]? {
        guard let value = present("layer_types") else { return nil }
        guard let names = value.array?.compactMap(\.string), names.count == value.array?.count else {
            throw invalid("layer_types", "a list of strings")
        }
        guard names.count == count else {
            throw ModelError(
                .invalidConfiguration,
                "\(source): layer_types has \(names.count) entries for \(count) layers")
        }
        return try names.map { name in
            guard let kind = ModelConfiguration.AttentionKind(rawValue: name) else {
                throw ModelError(
                    .invalidConfiguration,
                    "\(source): layer_types entry \"\(name)\" is neither full_attention nor sliding_attention")
            }
            return kind
        }
    }

    /// Reads RoPE settings from `rope_parameters` (transformers v5) or `rope_theta` + `rope_scaling`
    /// (hub form). `defaultScaling` applies when neither names a scaling.
    func rope(defaultTheta: Double, defaultScaling: RopeScaling?) throws -> (Double, RopeScaling) {
        let parametersKey: String
        let parameters: [String: JSONValue]?
        if let value = present("rope_parameters") {
            guard let dictionary = value.object else { throw invalid("rope_parameters", "an object") }
            parametersKey = "rope_parameters"
            parameters = dictionary
        } else if let value = present("rope_scaling") {
            guard let dictionary = value.object else { throw invalid("rope_scaling", "an object") }
            parametersKey = "rope_scaling"
            parameters = dictionary
        } else {
            parametersKey = "rope_scaling"
            parameters = nil
        }
        let nested = parameters.map { ConfigReader(values: $0, source: "\(source) \(parametersKey)") }
        let theta = try nested?.optionalNumber("rope_theta") ?? optionalNumber("rope_theta") ?? defaultTheta
        guard theta > 1 else { throw invalid("rope_theta", "greater than 1") }
        guard let nested else { return (theta, defaultScaling ?? .none) }
        let type = try (nested.present("rope_type") != nil ? nested.string("rope_type") : nil)
            ?? (nested.present("type") != nil ? nested.string("type") : nil)
            ?? "default"
        switch type {
        case "default":
            return (theta, defaultScaling ?? .none)
        case "yarn":
            let original = try nested.optionalPositiveInteger("original_max_position_embeddings")
                ?? optionalPositiveInteger("original_max_position_embeddings")
                ?? optionalPositiveInteger("max_position_embeddings")
                ?? { throw nested.missing("original_max_position_embeddings") }()
            let factor = try nested.optionalNumber("factor")
                ?? Double(optionalPositiveInteger("max_position_embeddings") ?? original) / Double(original)
            let betaFast = try nested.optionalNumber("beta_fast") ?? 32
            let betaSlow = try nested.optionalNumber("beta_slow") ?? 1
            let yarn = RopeScaling.YarnParameters(
                factor: factor,
                originalMaxPositionEmbeddings: original,
                betaFast: betaFast == 0 ? 32 : betaFast,
                betaSlow: betaSlow == 0 ? 1 : betaSlow,
                truncate: try nested.optionalBool("truncate") ?? true,
                attentionFactor: try nested.optionalNumber("attention_factor"),
                mscale: try nested.optionalNumber("mscale"),
                mscaleAllDim: try nested.optionalNumber("mscale_all_dim"))
            return (theta, .yarn(yarn))
        default:
            throw ModelError(
                .invalidConfiguration,
                "\(source): unsupported RoPE type \"\(type)\" in \(parametersKey) (supported: default, yarn)")
        }
    }

    /// An integer or a list of integers (as `eos_token_id` is written), as a list.
    static func integers(_ value: JSONValue?) -> [Int] {
        if let integer = value?.integer { return [integer] }
        return value?.array?.compactMap(\.integer) ?? []
    }
}
