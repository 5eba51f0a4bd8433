/// Python's `str()` and `repr()` of the values templates print.
enum PythonFormatting {
    /// `repr(float)`: the shortest digits that read back, in fixed notation when the decimal
    /// exponent is in -4 ..< 16 and in `1e+16` style otherwise.
    static func float(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let (digits, point) = decimalDigits(abs(value))
        let sign = value < 0 ? "-" : ""
        if point > -4 && point <= 16 {
            if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
            if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) + ".0" }
            let split = digits.index(digits.startIndex, offsetBy: point)
            return sign + digits[..<split] + "." + digits[split...]
        }
        let exponent = point - 1
        let mantissa = digits.count == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
        let magnitude = String(abs(exponent))
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
    }

    /// The significant digits of a positive finite double (shortest round trip, no trailing
    /// zeros) and the position of the decimal point: `value == 0.digits × 10^point`.
    private static func decimalDigits(_ value: Double) -> (String, Int) {
        let text = value.description
        var exponent = 0
        var mantissa = Substring(text)
        if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: marker)...]) ?? 0
            mantissa = text[..<marker]
        }
        var digits = ""
        var point = 0
        var seenDot = false
        for character in mantissa {
            if character == "." {
                seenDot = true
                continue
            }
            if digits.isEmpty && character == "0" {
                if seenDot { point -= 1 }
                continue
            }
            digits.append(character)
            if !seenDot { point += 1 }
        }
        while digits.count > 1 && digits.hasSuffix("0") { digits.removeLast() }
        return (digits, point + exponent)
    }

    /// `repr(str)`: single quotes unless the text has a single quote and no double quote;
    /// backslash escapes for the quote, the backslash, `\t\n\r`, other controls and characters
    /// that are not printable.
    static func quoted(_ text: String) -> String {
        var hasSingle = false
        var hasDouble = false
        for scalar in text.unicodeScalars {
            if scalar == "'" { hasSingle = true } else if scalar == "\"" { hasDouble = true }
        }
        let quote: Unicode.Scalar = hasSingle && !hasDouble ? "\"" : "'"
        var out = String.UnicodeScalarView()
        out.append(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case quote, "\\":
                out.append("\\")
                out.append(scalar)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (!scalar.isASCII && !PythonCharacters.isPrintable(scalar)) {
                    out.append(contentsOf: hexEscape(scalar).unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
        }
        out.append(quote)
        return String(out)
    }

    private static func hexEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        if scalar.value <= 0xFF { return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex }
        if scalar.value <= 0xFFFF { return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex }
        return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
    }
}

extension Value {
    /// Python's `str()` of the value, as `{{ value }}` prints it.
    func printed() throws -> String {
        switch self {
        case .undefined: return ""
        case let .string(text): return text
        default: return try represented()
        }
    }

    /// Python's `repr()` of the value (how it prints inside a list or dict).
    func represented() throws -> String {
        switch self {
        case .undefined: return "Undefined"
        case .none: return "None"
        case let .bool(flag): return flag ? "True" : "False"
        case let .int(number): return String(number)
        case let .float(number): return PythonFormatting.float(number)
        case let .string(text): return PythonFormatting.quoted(text)
        case let .list(items): return "[" + (try items.map { try $0.represented() }.joined(separator: ", ")) + "]"
        case let .tuple(items):
            if items.count == 1 { return "(" + (try items[0].represented()) + ",)" }
            return "(" + (try items.map { try $0.represented() }.joined(separator: ", ")) + ")"
        case let .dict(dictionary): return try Self.representDictionary(dictionary)
        case let .view(kind, items):
            return kind.rawValue + "([" + (try items.map { try $0.represented() }.joined(separator: ", ")) + "])"
        case let .range(start, stop, step):
            return step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))"
        case let .namespace(namespace): return "<Namespace " + (try Self.representDictionary(namespace.attributes)) + ">"
        case let .loop(loop): return "<LoopContext \(loop.index0 + 1)/\(loop.items.count)>"
        case let .callable(callable):
            throw RenderFailure.unsupported("printing of a \(callable.typeName)")
        case let .iterator(iterator):
            throw RenderFailure.unsupported("printing of a \(iterator.typeName) object")
        }
    }

    private static func representDictionary(_ dictionary: ValueDictionary) throws -> String {
        var parts: [String] = []
        for (key, value) in dictionary.entries { parts.append(try key.represented() + ": " + value.represented()) }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}
