/// A strict JSON (RFC 8259) reader producing `JSONValue`s with ordered objects, in one pass over
/// UTF-8 bytes. It reads as serde_json does (the reader of tokenizers and openai-harmony): the same
/// numbers, the same error messages with the same line and (byte) column, and the same nesting limit
/// of 128 levels, so a hostile document cannot exhaust the stack.
package struct JSONParser {
    /// Nesting deeper than this is an error (serde_json's recursion limit).
    package static let maximumDepth = 128

    private let bytes: UnsafeBufferPointer<UInt8>
    private let options: JSONParsingOptions
    private var index = 0
    private var depth = 0
    private var scratch: [UInt8] = []
    /// The dotted key path of the member being read (kept only down to `skipDepth`).
    private var keyPath = ""
    private let skipDepth: Int
    private var spans: [String: JSONSpan] = [:]

    /// Parses one JSON document (surrounding white space allowed, nothing else).
    /// - Returns: the value, and for each skipped or measured path (see
    ///   `JSONParsingOptions.skippedPaths`, `.measuredPaths`) the span of the value found there.
    /// - Throws: `JSONSyntaxError`.
    /// - Complexity: O(n) in the length of the document.
    package static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, options: JSONParsingOptions = JSONParsingOptions()
    ) throws -> (value: JSONValue, spans: [String: JSONSpan]) {
        var parser = JSONParser(bytes: bytes, options: options)
        if options.allowsByteOrderMark, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            parser.index = 3
        }
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < bytes.count { throw parser.error("trailing characters") }
        return (value, parser.spans)
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, options: JSONParsingOptions) {
        self.bytes = bytes
        self.options = options
        skipDepth = options.skippedPaths.union(options.measuredPaths).map { $0.split(separator: ".").count }.max() ?? 0
    }

    /// An error located at the current byte, or with `atLastConsumed` at the byte before it (where
    /// serde_json places errors found after consuming a number or before descending).
    private func error(_ message: String, atLastConsumed: Bool = false) -> JSONSyntaxError {
        var line = 1
        var column = 0
        let end = min(max(atLastConsumed ? index : index + 1, 0), bytes.count)
        var k = 0
        while k < end {
            if bytes[k] == 0x0A {
                line += 1
                column = 0
            } else {
                column += 1
            }
            k += 1
        }
        return JSONSyntaxError(message: message, line: line, column: column)
    }

    @inline(__always)
    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            index += 1
        }
    }

    private mutating func parseValue() throws -> JSONValue {
        guard let byte = current else { throw error("EOF while parsing a value") }
        switch byte {
        case UInt8(ascii: "{"): return try nested { try $0.parseObject() }
        case UInt8(ascii: "["): return try nested { try $0.parseArray() }
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("expected value")
        }
    }

    private mutating func nested<T>(_ body: (inout JSONParser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth { throw error("recursion limit exceeded", atLastConsumed: true) }
        return try body(&self)
    }

    private mutating func expectWord(_ word: StaticString) throws {
        let text = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for byte in text {
            guard let actual = current else { throw error("EOF while parsing a value") }
            if actual != byte { throw error("expected ident") }
            index += 1
        }
    }

    private mutating func parseObject() throws -> JSONValue {
        index += 1
        var entries: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .object(JSONObject(entries))
        }
        while true {
            skipWhitespace()
            guard let byte = current else { throw error("EOF while parsing an object") }
            guard byte == UInt8(ascii: "\"") else { throw error("key must be a string") }
            let key = try parseString()
            skipWhitespace()
            guard let colon = current else { throw error("EOF while parsing an object") }
            guard colon == UInt8(ascii: ":") else { throw error("expected `:`") }
            index += 1
            skipWhitespace()
            entries.append((key, try parseMember(key)))
            skipWhitespace()
            guard let separator = current else { throw error("EOF while parsing an object") }
            index += 1
            if separator == UInt8(ascii: "}") { return .object(JSONObject(entries)) }
            guard separator == UInt8(ascii: ",") else {
                index -= 1
                throw error("expected `,` or `}`")
            }
            skipWhitespace()
            if current == UInt8(ascii: "}") { throw error("trailing comma") }
        }
    }

    /// The value of member `key`: skipped (as `null`) when its path is one of the skipped paths.
    private mutating func parseMember(_ key: String) throws -> JSONValue {
        guard depth <= skipDepth else { return try parseValue() }
        let parent = keyPath
        keyPath = parent.isEmpty ? key : parent + "." + key
        defer { keyPath = parent }
        let start = index
        if options.skippedPaths.contains(keyPath) {
            if options.skippedValuesAreValid, let known = options.knownSpans[keyPath], isContainer(known, at: start) {
                index = known.end
                spans[keyPath] = known
                return .null
            }
            let count = try options.skippedValuesAreValid ? skipValidContainer() : skipValue()
            spans[keyPath] = JSONSpan(start: start, end: index, count: count)
            return .null
        }
        let value = try parseValue()
        if options.measuredPaths.contains(keyPath) {
            let count: Int
            switch value {
            case let .array(elements): count = elements.count
            case let .object(members): count = members.rawEntries.count
            default: count = 0
            }
            spans[keyPath] = JSONSpan(start: start, end: index, count: count)
        }
        return value
    }

    /// Whether `span` can be the array or object that starts at `start`: it starts there, ends
    /// inside the document, and its first and last bytes are matching brackets.
    private func isContainer(_ span: JSONSpan, at start: Int) -> Bool {
        guard span.start == start, span.end > start + 1, span.end <= bytes.count else { return false }
        let first = bytes[start], last = bytes[span.end - 1]
        return first == UInt8(ascii: "[") && last == UInt8(ascii: "]") || first == UInt8(ascii: "{") && last == UInt8(ascii: "}")
    }

    private mutating func parseArray() throws -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            if current == nil { throw error("EOF while parsing a list") }
            elements.append(try parseValue())
            skipWhitespace()
            guard let separator = current else { throw error("EOF while parsing a list") }
            index += 1
            if separator == UInt8(ascii: "]") { return .array(elements) }
            guard separator == UInt8(ascii: ",") else {
                index -= 1
                throw error("expected `,` or `]`")
            }
            skipWhitespace()
            if current == UInt8(ascii: "]") { throw error("trailing comma") }
        }
    }

    /// Checks the syntax of a value without building it; returns its number of elements or members
    /// (0 for scalars). String contents are not decoded.
    /// Crosses an array or object of a document known to be valid, looking only at strings,
    /// brackets and commas; returns its element count. Other values go through `skipValue`.
    private mutating func skipValidContainer() throws -> Int {
        guard let base = bytes.baseAddress, index < bytes.count,
              base[index] == UInt8(ascii: "[") || base[index] == UInt8(ascii: "{") else { return try skipValue() }
        let n = bytes.count
        var i = index + 1
        var depth = 1
        var commas = 0
        var isEmpty = true
        while i < n {
            let b = base[i]
            i += 1
            switch b {
            case UInt8(ascii: "\""):
                while i < n && base[i] != UInt8(ascii: "\"") { i += base[i] == UInt8(ascii: "\\") ? 2 : 1 }
                i += 1
                isEmpty = false
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                isEmpty = false
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 {
                    index = i
                    return isEmpty ? 0 : commas + 1
                }
            case UInt8(ascii: ","):
                if depth == 1 { commas += 1 }
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                break
            default:
                isEmpty = false
            }
        }
        index = n
        throw error("EOF while parsing a value")
    }

    private mutating func skipValue() throws -> Int {
        guard let byte = current else { throw error("EOF while parsing a value") }
        switch byte {
        case UInt8(ascii: "\""):
            index += 1
            while let b = current {
                if b == UInt8(ascii: "\"") { index += 1; return 0 }
                if b < 0x20 { throw error("control character (\\u0000-\\u001F) found while parsing a string") }
                index += b == UInt8(ascii: "\\") ? 2 : 1
            }
            throw error("EOF while parsing a string")
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let isArray = byte == UInt8(ascii: "[")
            let close = isArray ? UInt8(ascii: "]") : UInt8(ascii: "}")
            return try nested { parser in
                parser.index += 1
                parser.skipWhitespace()
                if parser.current == close { parser.index += 1; return 0 }
                var count = 0
                while true {
                    parser.skipWhitespace()
                    if !isArray {
                        guard parser.current == UInt8(ascii: "\"") else { throw parser.error("key must be a string") }
                        _ = try parser.skipValue()
                        parser.skipWhitespace()
                        guard parser.current == UInt8(ascii: ":") else { throw parser.error("expected `:`") }
                        parser.index += 1
                        parser.skipWhitespace()
                    }
                    _ = try parser.skipValue()
                    count += 1
                    parser.skipWhitespace()
                    guard let separator = parser.current else { throw parser.error("EOF while parsing a value") }
                    parser.index += 1
                    if separator == close { return count }
                    guard separator == UInt8(ascii: ",") else {
                        parser.index -= 1
                        throw parser.error(isArray ? "expected `,` or `]`" : "expected `,` or `}`")
                    }
                }
            }
        default:
            _ = try parseValue()
            return 0
        }
    }

    // MARK: Strings

    private mutating func parseString() throws -> String {
        index += 1
        let start = index
        // Fast path: no escape before the closing quote.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: bytes[start..<index])
                guard UTF8Validation.isValid(run) else { throw error("invalid unicode code point") }
                index += 1
                return String(decoding: run, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character (\\u0000-\\u001F) found while parsing a string") }
            index += 1
        }
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        while true {
            guard let byte = current else { throw error("EOF while parsing a string") }
            switch byte {
            case UInt8(ascii: "\""):
                try flushRun(from: runStart)
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try flushRun(from: runStart)
                index += 1
                try parseEscape()
                runStart = index
            case 0x00..<0x20:
                throw error("control character (\\u0000-\\u001F) found while parsing a string")
            default:
                index += 1
            }
        }
    }

    /// Appends the raw bytes `runStart..<index` to `scratch`, checking that they are UTF-8.
    private mutating func flushRun(from runStart: Int) throws {
        guard runStart < index else { return }
        let run = UnsafeBufferPointer(rebasing: bytes[runStart..<index])
        guard UTF8Validation.isValid(run) else { throw error("invalid unicode code point") }
        scratch.append(contentsOf: run)
    }

    /// Reads the escape after a backslash and appends its UTF-8 to `scratch`.
    private mutating func parseEscape() throws {
        guard let byte = current else { throw error("EOF while parsing a string") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "/"): scratch.append(0x2F)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"): appendScalar(try parseUnicodeEscape())
        default:
            index -= 1
            throw error("invalid escape")
        }
    }

    /// The scalar of a `\uXXXX` escape (the `\u` already read), joining a surrogate pair. A lone
    /// surrogate is an error (serde_json) or U+FFFD (`JSONParsingOptions.loneSurrogates`).
    private mutating func parseUnicodeEscape() throws -> UInt32 {
        let replace = options.loneSurrogates == .replaceWithReplacementCharacter
        let first = try parseHex4()
        if (0xDC00...0xDFFF).contains(first) {
            if replace { return 0xFFFD }
            throw error("lone leading surrogate in hex escape", atLastConsumed: true)
        }
        guard (0xD800...0xDBFF).contains(first) else { return first }
        let followedByEscape = current == UInt8(ascii: "\\") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "u")
        if replace {
            // Python's json joins a pair only when a low surrogate escape follows.
            guard followedByEscape, index + 6 <= bytes.count, let second = Self.hexValue(bytes[(index + 2)..<(index + 6)]),
                  (0xDC00...0xDFFF).contains(second) else { return 0xFFFD }
            index += 6
            return 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        }
        guard followedByEscape else { throw error("unexpected end of hex escape") }
        index += 2
        let second = try parseHex4()
        guard (0xDC00...0xDFFF).contains(second) else {
            throw error("lone leading surrogate in hex escape", atLastConsumed: true)
        }
        return 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
    }

    /// Four hex digits, taken as a group (an invalid digit is reported at the group's end).
    private mutating func parseHex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else {
            index = bytes.count
            throw error("EOF while parsing a string")
        }
        let value = Self.hexValue(bytes[index..<(index + 4)])
        index += 4
        guard let value else { throw error("invalid escape", atLastConsumed: true) }
        return value
    }

    private static func hexValue(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> UInt32? {
        var value: UInt32 = 0
        for byte in digits {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value << 4 | UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
        return value
    }

    private mutating func appendScalar(_ scalar: UInt32) {
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

    // MARK: Numbers

    /// Reads a number as serde_json does without its `float_roundtrip` feature: integers that fit
    /// stay integers; anything else is `significand × 10^exponent` computed in doubles, where digits
    /// past 64 bits of significand are dropped (so very long literals may differ from a correctly
    /// rounded parse, exactly as in the reference).
    private mutating func parseNumber() throws -> JSONNumber {
        let negative = current == UInt8(ascii: "-")
        if negative { index += 1 }
        func digit(_ byte: UInt8?) -> UInt64? {
            guard let byte, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            return UInt64(byte - UInt8(ascii: "0"))
        }
        func fits(_ significand: UInt64, _ next: UInt64) -> Bool {
            !(significand >= UInt64.max / 10 && (significand > UInt64.max / 10 || next > UInt64.max % 10))
        }
        guard let first = digit(current) else { throw error("invalid number") }
        index += 1
        var significand = first
        var exponent = 0
        var overflowed = false
        if first == 0 {
            if digit(current) != nil { throw error("invalid number") }
        } else {
            while let next = digit(current) {
                index += 1
                if !overflowed && fits(significand, next) {
                    significand = significand * 10 + next
                } else {
                    overflowed = true
                    exponent += 1
                }
            }
        }
        var integral = !overflowed
        if current == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard digit(current) != nil else { throw error("invalid number") }
            while let next = digit(current) {
                index += 1
                if !overflowed && fits(significand, next) {
                    significand = significand * 10 + next
                    exponent -= 1
                } else {
                    overflowed = true
                }
            }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integral = false
            index += 1
            var positiveExponent = true
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
                positiveExponent = current == UInt8(ascii: "+")
                index += 1
            }
            guard digit(current) != nil else { throw error("invalid number") }
            var value: Int32 = 0
            while let next = digit(current) {
                index += 1
                let next32 = Int32(next)
                if value >= Int32.max / 10 && (value > Int32.max / 10 || next32 > Int32.max % 10) {
                    // The exponent does not fit: infinity is an error, anything else rounds to zero.
                    if significand != 0 && positiveExponent { throw error("number out of range", atLastConsumed: true) }
                    while digit(current) != nil { index += 1 }
                    return .double(negative ? -0.0 : 0.0)
                }
                value = value * 10 + next32
            }
            exponent = positiveExponent ? exponent + Int(value) : exponent - Int(value)
        }
        if integral {
            if !negative { return .unsigned(significand) }
            if significand <= UInt64(Int64.max) {
                return significand == 0 ? .double(-0.0) : .signed(-Int64(significand))
            }
            if significand == UInt64(Int64.max) + 1 { return .signed(Int64.min) }
            return .double(-Double(significand))
        }
        guard let value = Self.serdeFloat(significand: significand, exponent: exponent) else {
            throw error("number out of range", atLastConsumed: true)
        }
        return .double(negative ? -value : value)
    }

    /// Powers of ten 1e0…1e308, each the correctly rounded double.
    private static let powersOfTen: [Double] = (0...308).map { Double("1e\($0)") ?? .infinity }

    /// serde_json's `f64_from_parts`: nil when the value overflows.
    private static func serdeFloat(significand: UInt64, exponent: Int) -> Double? {
        var value = Double(significand)
        var exponent = exponent
        while true {
            if exponent.magnitude < UInt(powersOfTen.count) {
                let power = powersOfTen[Int(exponent.magnitude)]
                if exponent >= 0 {
                    value *= power
                    if value.isInfinite { return nil }
                } else {
                    value /= power
                }
                return value
            }
            if value == 0 { return value }
            if exponent >= 0 { return nil }
            value /= 1e308
            exponent += 308
        }
    }
}
