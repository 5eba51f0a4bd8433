/// A JSON value with its path in the document: typed reads of configuration files (tokenizer.json,
/// config.json, safetensors headers) whose errors name the exact place.
public struct JSONCursor: Sendable {
    /// The value.
    public let value: JSONValue
    /// Where the value sits.
    public let path: JSONPath

    /// A cursor at the root of a document (`root` as in `JSONPath(root:)`).
    public init(_ value: JSONValue, root: String = "") {
        self.init(value, at: JSONPath(root: root))
    }

    /// A cursor on `value` at `path`.
    public init(_ value: JSONValue, at path: JSONPath) {
        self.value = value
        self.path = path
    }

    /// An error about this value.
    public func failure(_ reason: String) -> JSONShapeError {
        JSONShapeError(path: path, reason: reason)
    }

    private func mismatch(_ expected: String) -> JSONShapeError {
        failure("expected \(expected), found \(value.kindDescription)")
    }

    // MARK: Members and elements

    /// The object's members, in document order (repeated keys included, as written).
    /// - Throws: `JSONShapeError` when the value is not an object.
    public func members() throws -> [(key: String, cursor: JSONCursor)] {
        guard case let .object(object) = value else { throw mismatch("an object") }
        return object.rawEntries.map { ($0.key, JSONCursor($0.value, at: path.member($0.key))) }
    }

    /// Calls `body` with each member's key and value in document order, and a function that makes
    /// the member's cursor (for errors) only when asked: for objects with many members.
    /// - Throws: `JSONShapeError` when the value is not an object, or what `body` throws.
    public func forEachMember(_ body: (String, JSONValue, () -> JSONCursor) throws -> Void) throws {
        guard case let .object(object) = value else { throw mismatch("an object") }
        for (key, member) in object.rawEntries {
            try body(key, member) { JSONCursor(member, at: path.member(key)) }
        }
    }

    /// Calls `body` with each element's index and value, and a function that makes the element's
    /// cursor (for errors) only when asked: for long arrays.
    /// - Throws: `JSONShapeError` when the value is not an array, or what `body` throws.
    public func forEachElement(_ body: (Int, JSONValue, () -> JSONCursor) throws -> Void) throws {
        guard case let .array(elements) = value else { throw mismatch("an array") }
        for (index, element) in elements.enumerated() {
            try body(index, element) { JSONCursor(element, at: path.element(index)) }
        }
    }

    /// The number of members of an object or elements of an array.
    /// - Throws: `JSONShapeError` for any other value.
    public func count() throws -> Int {
        switch value {
        case let .object(object): return object.rawEntries.count
        case let .array(elements): return elements.count
        default: throw mismatch("an object or an array")
        }
    }

    /// Member `key`; nil when it is absent or `null`.
    /// - Throws: `JSONShapeError` when the value is not an object.
    public func member(_ key: String) throws -> JSONCursor? {
        guard case let .object(object) = value else { throw mismatch("an object") }
        guard let member = object[key], !member.isNull else { return nil }
        return JSONCursor(member, at: path.member(key))
    }

    /// Member `key`, which must be present and not `null`.
    /// - Throws: `JSONShapeError` ("missing") naming the member's path.
    public func required(_ key: String) throws -> JSONCursor {
        guard let member = try member(key) else { throw JSONShapeError(path: path.member(key), reason: "missing") }
        return member
    }

    /// Whether the object has member `key` (even `null`).
    public func has(_ key: String) -> Bool {
        value.objectValue?[key] != nil
    }

    /// The array's elements.
    /// - Throws: `JSONShapeError` when the value is not an array.
    public func elements() throws -> [JSONCursor] {
        guard case let .array(elements) = value else { throw mismatch("an array") }
        return elements.enumerated().map { JSONCursor($0.element, at: path.element($0.offset)) }
    }

    // MARK: Scalars

    /// The string.
    public func string() throws -> String {
        guard case let .string(text) = value else { throw mismatch("a string") }
        return text
    }

    /// The Boolean.
    public func bool() throws -> Bool {
        guard case let .bool(flag) = value else { throw mismatch("true or false") }
        return flag
    }

    /// The number as a `Double`.
    public func double() throws -> Double {
        guard case let .number(number) = value else { throw mismatch("a number") }
        return number.doubleValue
    }

    /// The number as an `Int` (an integer, or a float with no fraction).
    public func int() throws -> Int {
        guard case .number = value else { throw mismatch("an integer") }
        guard let integer = value.intValue else { throw failure("expected an integer, found \(value.numberValue?.serialized ?? "?")") }
        return integer
    }

    /// The number as an `Int` within `range`.
    public func int(in range: ClosedRange<Int>) throws -> Int {
        let integer = try int()
        guard range.contains(integer) else {
            throw failure("\(integer) is out of range (\(range.lowerBound)...\(range.upperBound))")
        }
        return integer
    }

    // MARK: Members as scalars

    /// Member `key` as a string; it must be present.
    public func string(_ key: String) throws -> String { try required(key).string() }
    /// Member `key` as a string, or nil when absent or `null`.
    public func optionalString(_ key: String) throws -> String? { try member(key)?.string() }
    /// Member `key` as a Boolean, or `fallback` when absent or `null`.
    public func bool(_ key: String, default fallback: Bool) throws -> Bool { try member(key)?.bool() ?? fallback }
    /// Member `key` as an `Int`, or `fallback` when absent or `null`.
    public func int(_ key: String, default fallback: Int) throws -> Int { try member(key)?.int() ?? fallback }
    /// Member `key` as an `Int`, or nil when absent or `null`.
    public func optionalInt(_ key: String) throws -> Int? { try member(key)?.int() }
    /// Member `key` as a `Double`, or nil when absent or `null`.
    public func optionalDouble(_ key: String) throws -> Double? { try member(key)?.double() }
    /// Member `key` as a Boolean, or nil when absent or `null`.
    public func optionalBool(_ key: String) throws -> Bool? { try member(key)?.bool() }
}
