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
