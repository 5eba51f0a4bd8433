import OrderedJSON

/// A `tokenizer.json`'s `truncation`: how tokenizers cuts a long encoding into a window of at most
/// `maxLength` ids and keeps the rest as overflowing windows.
public struct TruncationParameters: Sendable, Hashable {
    /// Which end is cut.
    public enum Direction: String, Sendable, Hashable {
        case left = "Left"
        case right = "Right"
    }

    /// Which sequence is cut (a single sequence: `onlySecond` is an error).
    public enum Strategy: String, Sendable, Hashable {
        case longestFirst = "LongestFirst"
        case onlyFirst = "OnlyFirst"
        case onlySecond = "OnlySecond"
    }

    /// The most ids, special tokens included.
    public var maxLength: Int
    /// How many ids consecutive windows share.
    public var stride: Int
    public var strategy: Strategy
    public var direction: Direction

    /// Reads the object at `json`.
    /// - Throws: `JSONShapeError` naming a malformed member.
    init(json: JSONCursor) throws {
        maxLength = try json.required("max_length").int(in: 0...Int(Int32.max))
        stride = try json.int("stride", default: 0)
        guard stride >= 0 else { throw try json.required("stride").failure("must not be negative") }
        strategy = try Self.enumeration(json.member("strategy"), default: .longestFirst)
        direction = try Self.enumeration(json.member("direction"), default: .right)
    }

    static func enumeration<T: RawRepresentable>(_ json: JSONCursor?, default fallback: T) throws -> T where T.RawValue == String {
        guard let json else { return fallback }
        let name = try json.string()
        guard let value = T(rawValue: name) else { throw json.failure("unknown value \(name.debugDescription)") }
        return value
    }

    /// A one-line description.
    public var summary: String {
        "max_length \(maxLength), stride \(stride), \(strategy.rawValue), \(direction.rawValue)"
    }
}
