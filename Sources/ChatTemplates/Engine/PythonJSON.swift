/// Python's `json.dumps` with the options transformers' `tojson` filter exposes:
/// `ensure_ascii`, `indent`, `separators` and `sort_keys` (`allow_nan` stays on).
struct PythonJSON {
    var ensureASCII = false
    /// nil: one line; otherwise the text of one indentation level.
    var indent: String?
    var itemSeparator = ", "
    var keySeparator = ": "
    var sortKeys = false
    var maximumBytes = Int.max

    /// The JSON text of `value`.
    func encode(_ value: Value) throws -> String {
        var out = ""
        try write(value, level: 0, into: &out)
        return out
    }

    private func write(_ value: Value, level: Int, into out: inout String) throws {
        if out.utf8.count > maximumBytes { throw RenderFailure.limit("tojson output exceeds \(maximumBytes) bytes") }
        switch value {
        case .none: out += "null"
        case let .bool(flag): out += flag ? "true" : "false"
        case let .int(number): out += String(number)
        case let .float(number): out += Self.number(number)
        case let .string(text): writeString(text, into: &out)
        case let .list(items), let .tuple(items):
            try writeArray(items, level: level, into: &out)
        case let .dict(dictionary):
            try writeObject(dictionary, level: level, into: &out)
        default:
            throw RenderFailure.type("Object of type \(value.typeName) is not JSON serializable")
        }
    }

    private static func number(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return PythonFormatting.float(number)
    }

    private func newline(_ level: Int, into out: inout String) {
        guard let indent else { return }
        out += "\n"
        for _ in 0..<level { out += indent }
    }

    private func writeArray(_ items: [Value], level: Int, into out: inout String) throws {
        if items.isEmpty {
            out += "[]"
            return
        }
        out += "["
        for (offset, item) in items.enumerated() {
            if offset > 0 { out += itemSeparator }
            newline(level + 1, into: &out)
            try write(item, level: level + 1, into: &out)
        }
        newline(level, into: &out)
        out += "]"
    }

    private func writeObject(_ dictionary: ValueDictionary, level: Int, into out: inout String) throws {
        if dictionary.count == 0 {
            out += "{}"
            return
        }
        var members: [(key: String, value: Value, original: Value)] = []
        for (key, value) in dictionary.entries {
            let name: String
            switch key {
            case let .string(text): name = text
            case let .bool(flag): name = flag ? "true" : "false"
            case .none: name = "null"
            case let .int(number): name = String(number)
            case let .float(number): name = Self.number(number)
            default: throw RenderFailure.type("keys must be str, int, float, bool or None, not \(key.typeName)")
            }
            members.append((name, value, key))
        }
        if sortKeys {
            members = try MergeSort.sorted(members) { try TemplateOperators.less($0.original, $1.original) }
        }
        out += "{"
        for (offset, member) in members.enumerated() {
            if offset > 0 { out += itemSeparator }
            newline(level + 1, into: &out)
            writeString(member.key, into: &out)
            out += keySeparator
            try write(member.value, level: level + 1, into: &out)
        }
        newline(level, into: &out)
        out += "}"
    }

    private func writeString(_ text: String, into out: inout String) {
        var scalars = String.UnicodeScalarView()
        scalars.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": scalars.append(contentsOf: "\\\"".unicodeScalars)
            case "\\": scalars.append(contentsOf: "\\\\".unicodeScalars)
            case "\n": scalars.append(contentsOf: "\\n".unicodeScalars)
            case "\r": scalars.append(contentsOf: "\\r".unicodeScalars)
            case "\t": scalars.append(contentsOf: "\\t".unicodeScalars)
            case "\u{08}": scalars.append(contentsOf: "\\b".unicodeScalars)
            case "\u{0C}": scalars.append(contentsOf: "\\f".unicodeScalars)
            default:
                if scalar.value < 0x20 || (ensureASCII && scalar.value > 0x7E) {
                    if scalar.value > 0xFFFF {
                        let offset = scalar.value - 0x10000
                        Self.appendEscape(0xD800 + (offset >> 10), into: &scalars)
                        Self.appendEscape(0xDC00 + (offset & 0x3FF), into: &scalars)
                    } else {
                        Self.appendEscape(scalar.value, into: &scalars)
                    }
                } else {
                    scalars.append(scalar)
                }
            }
        }
        scalars.append("\"")
        out.unicodeScalars.append(contentsOf: scalars)
    }

    private static func appendEscape(_ code: UInt32, into scalars: inout String.UnicodeScalarView) {
        let hex = String(code, radix: 16)
        scalars.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
    }
}

/// A stable merge sort whose comparison may throw (Python's `sorted` is stable and raises
/// `TypeError` on values it cannot order).
enum MergeSort {
    static func sorted<Element>(_ items: [Element], by less: (Element, Element) throws -> Bool) throws -> [Element] {
        guard items.count > 1 else { return items }
        let middle = items.count / 2
        let left = try sorted(Array(items[..<middle]), by: less)
        let right = try sorted(Array(items[middle...]), by: less)
        var merged: [Element] = []
        merged.reserveCapacity(items.count)
        var i = 0
        var j = 0
        while i < left.count && j < right.count {
            if try less(right[j], left[i]) {
                merged.append(right[j])
                j += 1
            } else {
                merged.append(left[i])
                i += 1
            }
        }
        merged.append(contentsOf: left[i...])
        merged.append(contentsOf: right[j...])
        return merged
    }
}
