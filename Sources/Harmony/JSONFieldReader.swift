import OrderedJSON

/// Reads the fields of one JSON object the way serde's derived `Deserialize` does: unknown fields
/// are ignored, a known field given twice is an error, `null` reads as an absent optional, and
/// errors name the JSON path (`$.messages[0].content`).
struct JSONFieldReader {
    let object: JSONObject
    let path: String

    /// Reads `value` as an object; `expected` names what was expected ("struct Message"). With
    /// `sequenceFields`, an array is accepted too and read as those fields in order (serde's
    /// derived structs accept both forms).
    init(_ value: JSONValue, path: String, expected: String, sequenceFields: [String]? = nil) throws {
        self.path = path
        switch value {
        case let .object(object):
            self.object = object
        case let .array(elements) where sequenceFields != nil:
            let fields = sequenceFields ?? []
            if elements.count < fields.count {
                let plural = fields.count == 1 ? "element" : "elements"
                throw Self.error("invalid length \(elements.count), expected \(expected) with \(fields.count) \(plural)", at: path)
            }
            if elements.count > fields.count { throw Self.error("trailing characters", at: path) }
            object = JSONObject(zip(fields, elements).map { (key: $0, value: $1) })
        default:
            throw Self.invalidType(value, expected: expected, path: path)
        }
    }

    /// Calls `visit(key, value, path)` for each member named in `known`, in document order (so the
    /// first bad field in the document is the one reported); a known field given twice is an error.
    /// Unknown members are ignored.
    func visitFields(_ known: [String], _ visit: (String, JSONValue, String) throws -> Void) throws {
        var seen: [String] = []
        for (key, value) in object.rawEntries {
            guard let name = known.first(where: { $0.utf8.elementsEqual(key.utf8) }) else { continue }
            if seen.contains(name) { throw Self.error("duplicate field `\(name)`", at: path) }
            seen.append(name)
            try visit(name, value, path(of: key))
        }
    }

    /// The path of a member.
    func path(of key: String) -> String { Self.member(key, of: path) }

    /// `value`, or the missing-field error for `key`.
    func require<T>(_ value: T?, _ key: String) throws -> T {
        guard let value else { throw Self.error("missing field `\(key)`", at: path) }
        return value
    }

    /// An optional field's value: nil for `null`, else `read`'s result.
    static func optional<T>(_ value: JSONValue, path: String, _ read: (JSONValue, String) throws -> T) throws -> T? {
        value == .null ? nil : try read(value, path)
    }

    // MARK: Leaf readers

    static func string(_ value: JSONValue, path: String) throws -> String {
        guard case let .string(text) = value else { throw invalidType(value, expected: "a string", path: path) }
        return text
    }

    static func bool(_ value: JSONValue, path: String) throws -> Bool {
        guard case let .bool(flag) = value else { throw invalidType(value, expected: "a boolean", path: path) }
        return flag
    }

    static func array<T>(_ value: JSONValue, path: String, _ read: (JSONValue, String) throws -> T) throws -> [T] {
        guard case let .array(elements) = value else { throw invalidType(value, expected: "a sequence", path: path) }
        return try elements.enumerated().map { try read($0.element, "\(path)[\($0.offset)]") }
    }

    static func enumeration<T: RawRepresentable & CaseIterable>(_ value: JSONValue, path: String, as _: T.Type) throws -> T
    where T.RawValue == String {
        guard case let .string(text) = value else { throw invalidType(value, expected: "string or map", path: path) }
        if let match = T.allCases.first(where: { $0.rawValue.utf8.elementsEqual(text.utf8) }) { return match }
        let names = T.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
        throw error("unknown variant `\(text)`, expected one of \(names)", at: path)
    }

    // MARK: Errors

    static func member(_ key: String, of path: String) -> String {
        JSONPath(root: path).member(key).description
    }

    static func error(_ message: String, at path: String) -> HarmonyError {
        HarmonyError(.invalidJSON, "\(message) at \(path)")
    }

    static func invalidType(_ value: JSONValue, expected: String, path: String) -> HarmonyError {
        error("invalid type: \(describe(value)), expected \(expected)", at: path)
    }

    /// serde's description of an unexpected value.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case let .bool(flag): return "boolean `\(flag)`"
        case let .number(.double(number)): return "floating point `\(JSONNumber.double(number).serialized)`"
        case let .number(number): return "integer `\(number.serialized)`"
        case let .string(text):
            var quoted = ""
            JSONValue.writeString(text, to: &quoted)
            return "string \(quoted)"
        case .array: return "sequence"
        case .object: return "map"
        }
    }
}
