extension JSONValue {
    /// Parses a JSON document, keeping object member order.
    /// - Throws: `JSONSyntaxError` with serde_json's wording, line and column.
    /// - Complexity: O(n) in the length of the document.
    public init<Bytes: Collection>(parsing bytes: Bytes, options: JSONParsingOptions = JSONParsingOptions()) throws
    where Bytes.Element == UInt8 {
        let parsed = try bytes.withContiguousStorageIfAvailable { try JSONParser.parse($0, options: options) }
            ?? Array(bytes).withUnsafeBufferPointer { try JSONParser.parse($0, options: options) }
        self = parsed.value
    }

    /// Parses a JSON document given as text.
    /// - Throws: `JSONSyntaxError`.
    public init(parsing text: String, options: JSONParsingOptions = JSONParsingOptions()) throws {
        var text = text
        self = try text.withUTF8 { try JSONParser.parse($0, options: options).value }
    }

    /// Compact JSON text as serde_json writes it: no spaces, keys in order, non-ASCII unescaped,
    /// control characters as `\n`-style or `\u00xx` escapes.
    public var serialized: String {
        var out = ""
        write(to: &out)
        return out
    }

    /// Appends the compact JSON text of this value to `out`.
    public func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case let .bool(value): out += value ? "true" : "false"
        case let .number(number): out += number.serialized
        case let .string(text): Self.writeString(text, to: &out)
        case let .array(elements):
            out += "["
            for (offset, element) in elements.enumerated() {
                if offset > 0 { out += "," }
                element.write(to: &out)
            }
            out += "]"
        case let .object(object):
            out += "{"
            for (offset, entry) in object.entries.enumerated() {
                if offset > 0 { out += "," }
                Self.writeString(entry.key, to: &out)
                out += ":"
                entry.value.write(to: &out)
            }
            out += "}"
        }
    }

    /// Appends `text` as a JSON string literal, escaped as serde_json escapes it.
    public static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
