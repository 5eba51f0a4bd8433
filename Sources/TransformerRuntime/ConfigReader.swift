import BytePairEncoding

/// Typed access to the keys of a parsed `config.json`, with errors that name the key.
struct ConfigReader {
    let values: [String: JSONValue]
    let source: String

    func missing(_ key: String) -> ModelError {
        ModelError(.invalidConfiguration, "\(source): missing \"\(key)\"")
    }

    func invalid(_ key: String, _ expected: String) -> ModelError {
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

    /// The integer at `key` in `1...limit`, or nil when absent or null.
    func optionalPositiveInteger(_ key: String, atMost limit: Int) throws -> Int? {
        guard let value = try optionalInteger(key) else { return nil }
        guard value > 0 else { throw invalid(key, "a positive integer") }
        guard value <= limit else { throw invalid(key, "at most \(limit)") }
        return value
    }

    /// The integer at `key` in `1...limit`.
    func positiveInteger(_ key: String, atMost limit: Int) throws -> Int {
        guard let value = try optionalPositiveInteger(key, atMost: limit) else { throw missing(key) }
        return value
    }

    /// The integer at `key` in `0...limit`, or nil when absent or null.
    func optionalCount(_ key: String, atMost limit: Int) throws -> Int? {
        guard let value = try optionalInteger(key) else { return nil }
        guard value >= 0 else { throw invalid(key, "an integer ≥ 0") }
        guard value <= limit else { throw invalid(key, "at most \(limit)") }
        return value
    }

    /// Whether `key` is present with the value `null`.
    func isNull(_ key: String) -> Bool {
        if case .null = values[key] { return true }
        return false
    }

    func optionalString(_ key: String) throws -> String? {
        guard present(key) != nil else { return nil }
        return try string(key)
    }

    /// The nested object at `key`, read with the same error style, or nil when absent or null.
    func optionalObject(_ key: String) throws -> ConfigReader? {
        guard let value = present(key) else { return nil }
        guard let object = value.object else { throw invalid(key, "an object") }
        return ConfigReader(values: object, source: "\(source) \(key)")
    }

    /// A list of integers in `range`, or nil when absent or null.
    func optionalIntegers(_ key: String, in range: Range<Int>) throws -> [Int]? {
        guard let value = present(key) else { return nil }
        guard let items = value.array else { throw invalid(key, "a list of integers") }
        return try items.map { item in
            guard let integer = item.integer else { throw invalid(key, "a list of integers") }
            guard range.contains(integer) else { throw invalid(key, "a list of integers in \(range)") }
            return integer
        }
    }

    /// Token ids written as one integer or a list of integers (as `eos_token_id` is), each
    /// below `vocabularySize`; nil when absent or null.
    func optionalTokenIds(_ key: String, vocabularySize: Int) throws -> [TokenID]? {
        guard let value = present(key) else { return nil }
        let items = value.array ?? [value]
        return try items.map { item in
            guard let id = item.integer else { throw invalid(key, "a token id or a list of token ids") }
            guard (0..<vocabularySize).contains(id) else {
                throw invalid(key, "token ids below vocab_size (\(vocabularySize))")
            }
            return TokenID(id)
        }
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
            let limit = ConfigurationLimits.positions
            let original = try nested.optionalPositiveInteger("original_max_position_embeddings", atMost: limit)
                ?? optionalPositiveInteger("original_max_position_embeddings", atMost: limit)
                ?? optionalPositiveInteger("max_position_embeddings", atMost: limit)
                ?? { throw nested.missing("original_max_position_embeddings") }()
            let factor = try nested.optionalNumber("factor")
                ?? Double(optionalPositiveInteger("max_position_embeddings", atMost: limit) ?? original) / Double(original)
            guard factor > 0, factor.isFinite else { throw nested.invalid("factor", "a positive number") }
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
}
