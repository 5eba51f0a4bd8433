// Harmony's public types carry ordered JSON values (tool schemas, message JSON), so a user of
// Harmony gets `JSONValue` with it.
@_exported import OrderedJSON

/// A model type with openai-harmony's JSON form: read the way its Rust core reads it (a missing
/// optional field is nil, unknown fields are ignored) and written the way it writes it (nil fields
/// omitted, a single text content as a plain string).
public protocol HarmonyJSONConvertible: Codable {
    /// Reads the value from JSON; `path` names where it sits, for error messages.
    /// - Throws: `HarmonyError` (kind `.invalidJSON`) naming the path.
    init(json: JSONValue, path: String) throws
    /// The JSON form.
    var json: JSONValue { get }
}

extension HarmonyJSONConvertible {
    /// Reads the value from JSON.
    public init(json: JSONValue) throws {
        try self.init(json: json, path: "$")
    }

    /// Reads the value from JSON text.
    /// - Throws: `HarmonyError` (kind `.invalidJSON`): syntax errors with line and column, shape
    ///   errors with the JSON path.
    public init(jsonString: String, options: JSONParsingOptions = JSONParsingOptions()) throws {
        try self.init(json: try HarmonyError.parsing { try JSONValue(parsing: jsonString, options: options) })
    }

    /// Reads the value from UTF-8 JSON bytes (`options`: e.g. read lone surrogate escapes as U+FFFD,
    /// as Python's `json` does, instead of rejecting them as openai-harmony's Rust core does).
    public init<Bytes: Collection>(jsonBytes: Bytes, options: JSONParsingOptions = JSONParsingOptions()) throws
    where Bytes.Element == UInt8 {
        try self.init(json: try HarmonyError.parsing { try JSONValue(parsing: jsonBytes, options: options) })
    }

    /// Compact JSON text.
    public var jsonString: String { json.serialized }

    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        do {
            try self.init(json: value)
        } catch let error as HarmonyError {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.message, underlyingError: error))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}

extension Array where Element == Message {
    /// The messages as a compact JSON array, as openai-harmony's parser returns them.
    public var jsonString: String { JSONValue.array(map(\.json)).serialized }
}
