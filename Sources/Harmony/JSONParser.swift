/// A strict JSON (RFC 8259) reader producing `JSONValue`s with ordered objects. Errors use
/// serde_json's wording plus the line and (byte) column; nesting deeper than 128 levels is rejected
/// instead of exhausting the stack.
struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    private static let maximumDepth = 128

    /// Parses one JSON document (surrounding whitespace allowed, nothing else).
    static func parse<Bytes: Collection>(_ bytes: Bytes) throws -> JSONValue where Bytes.Element == UInt8 {
        var parser = JSONParser(bytes: Array(bytes))
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < parser.bytes.count { throw parser.error("trailing characters") }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// An error located at the current byte, or with `atLastConsumed` at the byte before it (where
    /// serde_json places errors found after consuming a number or before descending).
    private func error(_ message: String, atLastConsumed: Bool = false) -> HarmonyError {
        var line = 1
        var column = 0
        let end = atLastConsumed ? index : index + 1
        for byte in bytes[..<min(max(end, 0), bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 0
            } else {
                column += 1
            }
        }
        return HarmonyError(.invalidJSON, "\(message) at line \(line) column \(column)")
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
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

    private mutating func nested(_ body: (inout JSONParser) throws -> JSONValue) throws -> JSONValue {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth { throw error("recursion limit exceeded", atLastConsumed: true) }
        return try body(&self)
    }

    private mutating func expectWord(_ word: String) throws {
        for byte in word.utf8 {
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
            entries.append((key, try parseValue()))
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

    private mutating func parseString() throws -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var runStart = index
        func flushRun(_ parser: JSONParser, upTo end: Int) throws {
            guard runStart < end else { return }
            let run = parser.bytes[runStart..<end]
            guard let text = String(validating: run, as: UTF8.self) else {
                throw parser.error("invalid unicode code point")
            }
            scalars.append(contentsOf: text.unicodeScalars)
        }
        while true {
            guard let byte = current else { throw error("EOF while parsing a string") }
            switch byte {
            case UInt8(ascii: "\""):
                try flushRun(self, upTo: index)
                index += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                try flushRun(self, upTo: index)
                index += 1
                scalars.append(try parseEscape())
                runStart = index
            case 0x00..<0x20:
                throw error("control character (\\u0000-\\u001F) found while parsing a string")
            default:
                index += 1
            }
        }
    }

    private mutating func parseEscape() throws -> Unicode.Scalar {
        guard let byte = current else { throw error("EOF while parsing a string") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let first = try parseHex4()
            if (0xDC00...0xDFFF).contains(first) { throw error("lone leading surrogate in hex escape", atLastConsumed: true) }
            if (0xD800...0xDBFF).contains(first) {
                guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("unexpected end of hex escape")
                }
                index += 2
                let second = try parseHex4()
                guard (0xDC00...0xDFFF).contains(second) else {
                    throw error("lone leading surrogate in hex escape", atLastConsumed: true)
                }
                let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                guard let scalar = Unicode.Scalar(value) else { throw error("invalid unicode code point") }
                return scalar
            }
            guard let scalar = Unicode.Scalar(first) else { throw error("invalid unicode code point") }
            return scalar
        default:
            index -= 1
            throw error("invalid escape")
        }
    }

    /// Four hex digits, taken as a group (an invalid digit is reported at the group's end).
    private mutating func parseHex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else {
            index = bytes.count
            throw error("EOF while parsing a string")
        }
        var value: UInt32 = 0
        var valid = true
        for byte in bytes[index..<(index + 4)] {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value << 4 | UInt32(byte - UInt8(ascii: "A") + 10)
            default: valid = false
            }
        }
        index += 4
        guard valid else { throw error("invalid escape", atLastConsumed: true) }
        return value
    }

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
