/// A parsed JSON value, as read by `JSONReader`. Objects keep their keys in document order.
/// Internal to the loader: the public ordered JSON value of the package is `Harmony.JSONValue`.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// An integer that fits in an `Int`.
    case integer(Int)
    /// A number, with its literal text (so integers beyond `Double` precision stay exact).
    case number(Double, literal: String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
    /// A value the reader was asked to skip; `count` is its number of elements when an array.
    case skipped(count: Int)

    /// The value's kind in words, for error messages.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .number: return "a number"
        case .skipped: return "a skipped value"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The string, when this is one.
    var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    /// The integer, when this is a number without fraction that fits in an `Int`.
    var intValue: Int? {
        if case let .integer(i) = self { return i }
        if case let .number(value, literal) = self {
            if let exact = Int(literal) { return exact }
            if value.rounded() == value, abs(value) < 9.0e15 { return Int(value) }
        }
        return nil
    }

    /// The boolean, when this is one.
    var boolValue: Bool? {
        if case let .bool(b) = self { return b }
        return nil
    }

    /// The elements, when this is an array.
    var arrayValue: [JSONValue]? {
        if case let .array(a) = self { return a }
        return nil
    }

    /// The object, when this is one.
    var objectValue: JSONObject? {
        if case let .object(o) = self { return o }
        return nil
    }

    /// Whether this is `null`.
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// A JSON object: members in document order, with lookup by key (the last one wins on repeats).
struct JSONObject: Sendable, Equatable {
    /// The keys, in document order.
    let keys: [String]
    /// The values, parallel to `keys`.
    let values: [JSONValue]

    /// An object from parallel arrays of keys and values.
    init(keys: [String], values: [JSONValue]) {
        self.keys = keys
        self.values = values
    }

    /// The value of `key`, or nil when absent.
    /// - Complexity: O(number of members).
    subscript(key: String) -> JSONValue? {
        var i = keys.count - 1
        while i >= 0 {
            if keys[i] == key { return values[i] }
            i -= 1
        }
        return nil
    }

    /// The number of members.
    var count: Int { keys.count }
}
