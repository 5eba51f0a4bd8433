/// A JSON value whose objects keep their members in document order, as tokenizer files, tool
/// parameter schemas and chat messages need. Numbers keep serde_json's integer/float distinction.
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, kept as an integer when it is one.
    case number(JSONNumber)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, keys in document order.
    case object(JSONObject)

    /// The member `key` when this is an object that has it; nil otherwise.
    public subscript(key: String) -> JSONValue? {
        if case let .object(object) = self { return object[key] }
        return nil
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case let .string(text) = self { return text }
        return nil
    }

    /// The Boolean, when this is a Boolean.
    public var boolValue: Bool? {
        if case let .bool(value) = self { return value }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case let .array(elements) = self { return elements }
        return nil
    }

    /// The object, when this is an object.
    public var objectValue: JSONObject? {
        if case let .object(object) = self { return object }
        return nil
    }

    /// The number, when this is a number.
    public var numberValue: JSONNumber? {
        if case let .number(number) = self { return number }
        return nil
    }

    /// The number as an `Int`, when this is an integer (or an integral float below 2^53) that fits.
    public var intValue: Int? {
        guard case let .number(number) = self else { return nil }
        return number.intValue
    }

    /// The number as a `Double`, when this is a number.
    public var doubleValue: Double? { numberValue?.doubleValue }

    /// Whether this is `null`.
    public var isNull: Bool { self == .null }

    /// The kind of value in words, for error messages ("a string", "an object").
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

extension JSONValue: ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) {
        self = .number(value >= 0 ? .unsigned(UInt64(value)) : .signed(value))
    }
    public init(floatLiteral value: Double) { self = .number(.double(value)) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { (key: $0.0, value: $0.1) }))
    }
}
