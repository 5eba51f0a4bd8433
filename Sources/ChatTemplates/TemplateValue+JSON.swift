import OrderedJSON

// The one place that reads JSON: the package's ordered JSON reader, so that the rest of the
// module sees only `TemplateValue`.

extension TemplateValue {
    /// Parses a JSON document, keeping object key order (a repeated key keeps its first place and
    /// last value, as Python's `json.loads`).
    /// - Throws: `ChatTemplateError` (kind `.invalidInput`) naming the problem and where, or for an
    ///   integer beyond 64 bits.
    public init<Bytes: Collection>(jsonBytes bytes: Bytes, options: JSONParsingOptions = JSONParsingOptions()) throws
    where Bytes.Element == UInt8 {
        let parsed: JSONValue
        do {
            parsed = try JSONValue(parsing: bytes, options: options)
        } catch {
            throw ChatTemplateError(kind: .invalidInput, exceptionName: "JSONDecodeError", message: "invalid JSON: \(error)")
        }
        self = try TemplateValue(parsed)
    }

    /// Parses a JSON document given as text.
    public init(json text: String) throws {
        try self.init(jsonBytes: Array(text.utf8))
    }

    /// The template value of a parsed JSON value.
    /// - Throws: `ChatTemplateError` for an integer beyond 64 bits.
    public init(_ json: JSONValue) throws {
        switch json {
        case .null: self = .none
        case let .bool(flag): self = .bool(flag)
        case let .string(text): self = .string(text)
        case let .array(items): self = .list(try items.map(TemplateValue.init))
        case let .object(object):
            self = .dictionary(TemplateDictionary(try object.entries.map { ($0.key, try TemplateValue($0.value)) }))
        case let .number(number):
            switch number {
            case let .signed(value): self = .int(Int(value))
            case let .unsigned(value):
                guard let exact = Int(exactly: value) else {
                    throw ChatTemplateError(
                        kind: .invalidInput, exceptionName: "", message: "integer \(value) does not fit in 64 bits")
                }
                self = .int(exact)
            case let .double(value): self = .float(value)
            }
        }
    }
}

extension TemplateValue {
    /// The value as JSON (a float that is not finite, which JSON cannot hold, becomes `null`).
    public var jsonValue: JSONValue {
        switch self {
        case .none: return .null
        case let .bool(flag): return .bool(flag)
        case let .int(value): return .number(value < 0 ? .signed(Int64(value)) : .unsigned(UInt64(value)))
        case let .float(value): return value.isFinite ? .number(.double(value)) : .null
        case let .string(text): return .string(text)
        case let .list(items): return .array(items.map(\.jsonValue))
        case let .dictionary(dictionary): return .object(JSONObject(dictionary.entries.map { ($0.key, $0.value.jsonValue) }))
        }
    }
}
