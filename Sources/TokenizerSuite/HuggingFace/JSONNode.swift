/// A JSON value with its path in the document, for reading a configuration file with errors that
/// name the file and the exact place (`model.merges[12]`).
struct JSONNode {
    let value: JSONValue
    let path: String
    let source: String

    func fail(_ reason: String) -> TokenizerError {
        .tokenizerFile(source: source, path: path, reason: reason)
    }

    /// The member `key` (nil when absent or null).
    func optional(_ key: String) throws -> JSONNode? {
        guard let object = value.objectValue else { throw fail("expected an object, found \(value.kindName)") }
        guard let member = object[key], !member.isNull else { return nil }
        return JSONNode(value: member, path: path.isEmpty ? key : "\(path).\(key)", source: source)
    }

    /// The member `key`, which must be present.
    func required(_ key: String) throws -> JSONNode {
        guard let node = try optional(key) else {
            throw TokenizerError.tokenizerFile(source: source, path: path.isEmpty ? key : "\(path).\(key)", reason: "missing")
        }
        return node
    }

    /// The elements of an array.
    func elements() throws -> [JSONNode] {
        guard let array = value.arrayValue else { throw fail("expected an array, found \(value.kindName)") }
        return array.enumerated().map { JSONNode(value: $0.element, path: "\(path)[\($0.offset)]", source: source) }
    }

    func string() throws -> String {
        guard let s = value.stringValue else { throw fail("expected a string, found \(value.kindName)") }
        return s
    }

    func bool() throws -> Bool {
        guard let b = value.boolValue else { throw fail("expected a boolean, found \(value.kindName)") }
        return b
    }

    func int() throws -> Int {
        guard let i = value.intValue else { throw fail("expected an integer, found \(value.kindName)") }
        return i
    }

    func string(_ key: String) throws -> String { try required(key).string() }
    func optionalString(_ key: String) throws -> String? { try optional(key)?.string() }
    func bool(_ key: String, default fallback: Bool) throws -> Bool { try optional(key)?.bool() ?? fallback }
    func int(_ key: String, default fallback: Int) throws -> Int { try optional(key)?.int() ?? fallback }

    /// The `type` member, naming the component.
    func type() throws -> String { try string("type") }
}
