/// A small, strict JSON reader (RFC 8259) built for large tokenizer files: one pass over the UTF-8
/// bytes, no Foundation, strings decoded once. Errors name the line and column.
struct JSONReader {
    /// A syntax error with its position (1-based line and column, in bytes).
    struct SyntaxError: Error, Equatable, CustomStringConvertible {
        let line: Int
        let column: Int
        let message: String
        var description: String { "line \(line), column \(column): \(message)" }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0
    private var scratch: [UInt8] = []
    private var skipping: Set<String> = []
    private var skipDepth = 0   // objects deeper than this hold no skipped path
    private var path = ""

    /// Parses one JSON document from `bytes` (a leading UTF-8 byte order mark is skipped).
    /// - Throws: `SyntaxError`.
    /// - Complexity: O(n).
    /// - Parameter skipping: dotted key paths (`"model.merges"`) whose values are only checked for
    ///   syntax and returned as `.skipped` (with their element count when arrays).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, skipping: Set<String> = []) throws -> JSONValue {
        var reader = JSONReader(bytes: bytes)
        reader.skipping = skipping
        reader.skipDepth = skipping.map { $0.split(separator: ".").count }.max() ?? 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { reader.i = 3 }
        let value = try reader.value()
        reader.skipSpace()
        if reader.i != bytes.count { throw reader.error("unexpected text after the JSON value") }
        return value
    }

    /// Parses one JSON document from `bytes`.
    static func parse(_ bytes: [UInt8], skipping: Set<String> = []) throws -> JSONValue {
        try bytes.withUnsafeBufferPointer { try parse($0, skipping: skipping) }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private func error(_ message: String) -> SyntaxError {
        var line = 1
        var lineStart = 0
        var k = 0
        let end = min(i, bytes.count)
        while k < end {
            if bytes[k] == 0x0A { line += 1; lineStart = k + 1 }
            k += 1
        }
        return SyntaxError(line: line, column: end - lineStart + 1, message: message)
    }

    @inline(__always)
    private mutating func skipSpace() {
        while i < bytes.count {
            let b = bytes[i]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            i += 1
        }
    }

    private mutating func value() throws -> JSONValue {
        skipSpace()
        guard i < bytes.count else { throw error("unexpected end of input") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("unexpected character")
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw error("unexpected end of input") }
        for k in 0..<n where bytes[i + k] != word.utf8Start[k] { throw error("invalid literal") }
        i += n
    }

    private mutating func enter() throws {
        depth += 1
        if depth > 512 { throw error("nesting deeper than 512 levels") }
    }

    private mutating func object() throws -> JSONValue {
        try enter()
        defer { depth -= 1 }
        i += 1
        var keys: [String] = []
        var values: [JSONValue] = []
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "}") { i += 1; return .object(JSONObject(keys: [], values: [])) }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try string()
            keys.append(key)
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':'") }
            i += 1
            if depth > skipDepth {
                values.append(try value())
            } else {
                let parent = path
                path = parent.isEmpty ? key : parent + "." + key
                if skipping.contains(path) {
                    values.append(try skipValue())
                } else {
                    values.append(try value())
                }
                path = parent
            }
            skipSpace()
            guard i < bytes.count else { throw error("unexpected end of input in an object") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; break }
            throw error("expected ',' or '}'")
        }
        return .object(JSONObject(keys: keys, values: values))
    }

    private mutating func array() throws -> JSONValue {
        try enter()
        defer { depth -= 1 }
        i += 1
        var elements: [JSONValue] = []
        skipSpace()
        if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; return .array([]) }
        while true {
            elements.append(try value())
            skipSpace()
            guard i < bytes.count else { throw error("unexpected end of input in an array") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; break }
            throw error("expected ',' or ']'")
        }
        return .array(elements)
    }

    /// Checks the structure of a value without building it (string contents are not decoded).
    private mutating func skipValue() throws -> JSONValue {
        skipSpace()
        guard i < bytes.count else { throw error("unexpected end of input") }
        switch bytes[i] {
        case UInt8(ascii: "\""):
            i += 1
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") { i += 1; return .skipped(count: 0) }
                i += b == UInt8(ascii: "\\") ? 2 : 1
            }
            throw error("unterminated string")
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let close = bytes[i] == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
            let isArray = close == UInt8(ascii: "]")
            try enter()
            defer { depth -= 1 }
            i += 1
            skipSpace()
            if i < bytes.count && bytes[i] == close { i += 1; return .skipped(count: 0) }
            var count = 0
            while true {
                if !isArray {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a string key") }
                    _ = try skipValue()
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':'") }
                    i += 1
                }
                _ = try skipValue()
                count += 1
                skipSpace()
                guard i < bytes.count else { throw error("unexpected end of input") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == close { i += 1; break }
                throw error("expected ',' or '\(Character(Unicode.Scalar(close)))'")
            }
            return .skipped(count: count)
        default:
            _ = try value()
            return .skipped(count: 0)
        }
    }

    private mutating func number() throws -> JSONValue {
        let start = i
        // Fast path: a small non-negative integer.
        var k = i
        var v = 0
        while k < bytes.count, bytes[k] >= 0x30, bytes[k] <= 0x39, k - i < 18 {
            v = v * 10 + Int(bytes[k] - 0x30)
            k += 1
        }
        if k > i, k - i < 18, !(k - i > 1 && bytes[i] == 0x30),
           k == bytes.count || (bytes[k] != UInt8(ascii: ".") && bytes[k] != UInt8(ascii: "e") && bytes[k] != UInt8(ascii: "E")
                                && !(bytes[k] >= 0x30 && bytes[k] <= 0x39)) {
            i = k
            return .integer(v)
        }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        func digits(_ reader: inout JSONReader) -> Int {
            let s = reader.i
            while reader.i < reader.bytes.count, reader.bytes[reader.i] >= 0x30, reader.bytes[reader.i] <= 0x39 { reader.i += 1 }
            return reader.i - s
        }
        let intDigits = digits(&self)
        guard intDigits > 0 else { throw error("invalid number") }
        if intDigits > 1 && bytes[i - intDigits] == 0x30 { throw error("invalid number (leading zero)") }
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits(&self) > 0 else { throw error("invalid number") }
        }
        if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            guard digits(&self) > 0 else { throw error("invalid number") }
        }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let value = Double(literal) else { throw error("invalid number") }
        return .number(value, literal: literal)
    }

    /// Reads a string literal starting at the opening quote.
    private mutating func string() throws -> String {
        i += 1
        let start = i
        // Fast path: no escapes, valid UTF-8 checked by String(validating:).
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let text = UnsafeBufferPointer(rebasing: bytes[start..<i])
                i += 1
                guard let s = Self.validString(text) else {
                    i = start
                    throw error("a string is not valid UTF-8")
                }
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw error("unescaped control character in a string") }
            i += 1
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                guard let s = scratch.withUnsafeBufferPointer({ Self.validString($0) }) else { throw error("a string is not valid UTF-8") }
                return s
            }
            if b < 0x20 { throw error("unescaped control character in a string") }
            if b != UInt8(ascii: "\\") { scratch.append(b); i += 1; continue }
            guard i + 1 < bytes.count else { break }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""): scratch.append(0x22)
            case UInt8(ascii: "\\"): scratch.append(0x5C)
            case UInt8(ascii: "/"): scratch.append(0x2F)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw error("unpaired surrogate escape")
                    }
                    i += 2
                    let low = try hex4()
                    guard low >= 0xDC00 && low < 0xE000 else { throw error("unpaired surrogate escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw error("unpaired surrogate escape")
                }
                appendUTF8(scalar)
            default:
                throw error("invalid escape")
            }
        }
        throw error("unterminated string")
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw error("invalid \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | (scalar >> 6)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | (scalar >> 12)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            scratch.append(UInt8(0xF0 | (scalar >> 18)))
            scratch.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            scratch.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            scratch.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// The string when `text` is valid UTF-8 (no surrogates, no overlong forms), else nil.
    @inline(__always)
    static func validString(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        var k = 0
        let n = text.count
        while k < n {
            let b = text[k]
            if b < 0x80 { k += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return nil
            }
            guard k + length <= n, text[k + 1] >= lower, text[k + 1] <= upper else { return nil }
            var j = 2
            while j < length {
                guard text[k + j] & 0xC0 == 0x80 else { return nil }
                j += 1
            }
            k += length
        }
        return String(decoding: text, as: UTF8.self)
    }
}
