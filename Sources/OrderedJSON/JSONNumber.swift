/// A JSON number as serde_json holds it: an unsigned or signed 64-bit integer when the literal is
/// an integer that fits, otherwise a double.
public enum JSONNumber: Sendable, Hashable {
    case unsigned(UInt64)
    case signed(Int64)
    case double(Double)

    /// The number as a double.
    public var doubleValue: Double {
        switch self {
        case let .unsigned(value): return Double(value)
        case let .signed(value): return Double(value)
        case let .double(value): return value
        }
    }

    /// The number as an `Int`, when it is an integer that fits, or a float with no fraction whose
    /// magnitude is below 2^53 (so it is exact).
    public var intValue: Int? {
        switch self {
        case let .unsigned(value): return value <= UInt64(Int.max) ? Int(value) : nil
        case let .signed(value): return Int(exactly: value)
        case let .double(value):
            guard value.rounded() == value, abs(value) < 9_007_199_254_740_992 else { return nil }
            return Int(value)
        }
    }

    /// The number written as serde_json writes it: integers plainly, doubles in the shortest form
    /// that reads back exactly, with `.0` on integral values and an exponent outside 1e-5..<1e16
    /// (`1.0`, `0.0001`, `1e-6`, `1e16`, `1.5e-7`).
    public var serialized: String {
        switch self {
        case let .unsigned(value): return String(value)
        case let .signed(value): return String(value)
        case let .double(value): return Self.format(value)
        }
    }

    /// Formats a finite double in the shortest round-trip form with ryu's layout rules.
    package static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let (digits, exponent) = shortestDigits(abs(value))
        let sign = value < 0 ? "-" : ""
        // The value is 0.d1d2...dn × 10^point.
        let length = digits.count
        let point = length + exponent
        var out = sign
        if exponent >= 0 && point <= 16 {
            out += digits + String(repeating: "0", count: exponent) + ".0"
        } else if point > 0 && point <= 16 {
            let split = digits.index(digits.startIndex, offsetBy: point)
            out += digits[..<split] + "." + digits[split...]
        } else if point > -5 && point <= 0 {
            out += "0." + String(repeating: "0", count: -point) + digits
        } else {
            let first = digits.prefix(1)
            let rest = digits.dropFirst()
            out += first + (rest.isEmpty ? "" : "." + rest) + "e" + String(point - 1)
        }
        return out
    }

    /// The shortest decimal digits (no leading or trailing zeros) and exponent with
    /// `value == digits × 10^exponent`, read from Swift's shortest round-trip description.
    private static func shortestDigits(_ value: Double) -> (String, Int) {
        let text = value.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits = ""
        if let dot = mantissa.firstIndex(of: ".") {
            let fraction = mantissa[mantissa.index(after: dot)...]
            digits = String(mantissa[..<dot]) + fraction
            exponent -= fraction.count
        } else {
            digits = String(mantissa)
        }
        while digits.count > 1, digits.hasPrefix("0") { digits.removeFirst() }
        while digits.count > 1, digits.hasSuffix("0") {
            digits.removeLast()
            exponent += 1
        }
        return (digits, exponent)
    }
}
