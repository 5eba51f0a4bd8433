import BytePairEncoding
import OrderedJSON

/// Typed reads of the keys of a parsed `config.json` (or of one of its nested objects), with
/// errors that name the file and the key's JSON path (`quantization_config.weight_block_size`).
struct ConfigReader {
    /// The object being read, with its path in the document.
    let cursor: JSONCursor
    /// The file, for error messages.
    let source: String

    /// A reader of `cursor`, which must hold an object.
    /// - Throws: `ModelError` (`.malformedFile`) when it does not.
    init(_ cursor: JSONCursor, source: String) throws {
        guard cursor.value.objectValue != nil else {
            let place = cursor.path.description.isEmpty ? source : "\(source): \"\(cursor.path)\""
            throw ModelError(.malformedFile, "\(place) is not a JSON object (found \(cursor.value.kindDescription))")
        }
        self.cursor = cursor
        self.source = source
    }

    /// Parses `bytes` as the JSON object of file `source`.
    /// - Throws: `ModelError` (`.malformedFile`) naming the file and the syntax error's line and column.
    init(parsing bytes: some Collection<UInt8>, source: String) throws {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: bytes)
        } catch let error as JSONSyntaxError {
            throw ModelError(.malformedFile, "\(source) is not valid JSON: \(error)")
        }
        try self.init(JSONCursor(value), source: source)
    }

    /// The JSON path of member `key`, as error messages name it.
    func path(_ key: String) -> String {
        cursor.path.member(key).description
    }

    func missing(_ key: String) -> ModelError {
        ModelError(.invalidConfiguration, "\(source): missing \"\(path(key))\"")
    }

    func invalid(_ key: String, _ expected: String) -> ModelError {
        let found = cursor.value[key].map(Self.describe) ?? "nothing"
        return ModelError(.invalidConfiguration, "\(source): \"\(path(key))\" must be \(expected), found \(found)")
    }

    /// A value as it reads in the file (long ones shortened).
    private static func describe(_ value: JSONValue) -> String {
        let text = value.serialized
        return text.count <= 80 ? text : String(text.prefix(77)) + "..."
    }

    /// Member `key`, or nil when absent or `null`.
    private func present(_ key: String) -> JSONValue? {
        guard let value = cursor.value[key], !value.isNull else { return nil }
        return value
    }

    func string(_ key: String) throws -> String {
        guard let value = present(key) else { throw missing(key) }
        guard let string = value.stringValue else { throw invalid(key, "a string") }
        return string
    }

    func optionalNumber(_ key: String) throws -> Double? {
        guard let value = present(key) else { return nil }
        guard let number = value.doubleValue else { throw invalid(key, "a number") }
        return number
    }

    func optionalInteger(_ key: String) throws -> Int? {
        guard let value = present(key) else { return nil }
        guard let integer = value.intValue else { throw invalid(key, "an integer") }
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
        cursor.value[key]?.isNull == true
    }

    func optionalString(_ key: String) throws -> String? {
        guard present(key) != nil else { return nil }
        return try string(key)
    }

    /// The nested object at `key`, read with the same error style, or nil when absent or null.
    func optionalObject(_ key: String) throws -> ConfigReader? {
        guard let value = present(key) else { return nil }
        guard value.objectValue != nil else { throw invalid(key, "an object") }
        return try ConfigReader(JSONCursor(value, at: cursor.path.member(key)), source: source)
    }

    /// A list of integers in `range`, or nil when absent or null.
    func optionalIntegers(_ key: String, in range: Range<Int>) throws -> [Int]? {
        guard let value = present(key) else { return nil }
        guard let items = value.arrayValue else { throw invalid(key, "a list of integers") }
        return try items.map { item in
            guard let integer = item.intValue else { throw invalid(key, "a list of integers") }
            guard range.contains(integer) else { throw invalid(key, "a list of integers in \(range)") }
            return integer
        }
    }

    /// Token ids written as one integer or a list of integers (as `eos_token_id` is), each
    /// below `vocabularySize`; nil when absent or null.
    func optionalTokenIds(_ key: String, vocabularySize: Int) throws -> [TokenID]? {
        guard let value = present(key) else { return nil }
        let items = value.arrayValue ?? [value]
        return try items.map { item in
            guard let id = item.intValue else { throw invalid(key, "a token id or a list of token ids") }
            guard (0..<vocabularySize).contains(id) else {
                throw invalid(key, "token ids below vocab_size (\(vocabularySize))")
            }
            return TokenID(id)
        }
    }

    func optionalBool(_ key: String) throws -> Bool? {
        guard let value = present(key) else { return nil }
        guard let flag = value.boolValue else { throw invalid(key, "true or false") }
        return flag
    }

    func layerTypes(count: Int) throws -> [ModelConfiguration.AttentionKind]? {
        guard let value = present("layer_types") else { return nil }
        guard let items = value.arrayValue, case let names = items.compactMap(\.stringValue), names.count == items.count else {
            throw invalid("layer_types", "a list of strings")
        }
        guard names.count == count else {
            throw ModelError(
                .invalidConfiguration,
                "\(source): \(path("layer_types")) has \(names.count) entries for \(count) layers")
        }
        return try names.enumerated().map { index, name in
            guard let kind = ModelConfiguration.AttentionKind(rawValue: name) else {
                throw ModelError(
                    .invalidConfiguration,
                    "\(source): \"\(cursor.path.member("layer_types").element(index))\" is \"\(name)\", neither full_attention nor sliding_attention")
            }
            return kind
        }
    }

    /// Reads RoPE settings from `rope_parameters` (transformers v5) or `rope_theta` + `rope_scaling`
    /// (hub form). `defaultScaling` applies when neither names a scaling.
    func rope(defaultTheta: Double, defaultScaling: RopeScaling?) throws -> (Double, RopeScaling) {
        let nested = try optionalObject("rope_parameters") ?? optionalObject("rope_scaling")
        let theta = try nested?.optionalNumber("rope_theta") ?? optionalNumber("rope_theta") ?? defaultTheta
        guard theta > 1 else {
            throw nested?.present("rope_theta") != nil
                ? nested!.invalid("rope_theta", "greater than 1") : invalid("rope_theta", "greater than 1")
        }
        guard let nested else { return (theta, defaultScaling ?? .none) }
        let typeKey = nested.present("rope_type") != nil ? "rope_type" : "type"
        let type = try nested.optionalString(typeKey) ?? "default"
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
                "\(source): unsupported RoPE type \"\(type)\" at \"\(nested.path(typeKey))\" (supported: default, yarn)")
        }
    }
}
