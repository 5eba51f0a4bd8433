/// Rewrites a tokenizer regex so that PCRE2 matches exactly what the reference tokenizers match:
/// `\s` becomes the reference's 25 white-space code points, and each `\p{…}` property gets Unicode
/// 16.0 membership whatever Unicode version the linked PCRE2 has.
///
/// When the linked PCRE2 knows Unicode 14.0 to 16.0 and a property only gained code points since
/// 14.0, the code points added since are appended to `\p{…}` (fast). Otherwise the property is
/// spelled out as explicit Unicode 16.0 ranges (exact, slower).
package struct PatternRewriter: Sendable {
    /// The white-space set of tiktoken and tokenizers (Rust `char::is_whitespace`): 25 code points.
    /// U+180E, U+200B, U+2060 and U+FEFF are not in it.
    package static let whitespaceScalars: [UInt32] = [
        0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680,
        0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
        0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
    ]

    private let patchPCRE2Properties: Bool

    /// A rewriter for the linked PCRE2 (`pcreUnicodeVersion` defaults to its own report).
    package init(pcreUnicodeVersion: String = PCRE2Regex.unicodeVersion) {
        let major = Int(pcreUnicodeVersion.split(separator: ".").first ?? "") ?? 0
        patchPCRE2Properties = (14...16).contains(major)
    }

    /// The rewritten pattern.
    /// - Throws: `RegexError.unsupported` naming a construct that cannot be translated exactly
    ///   (`\w`, `\b`, a negated property or `\S` inside a character class, an unknown property).
    package func rewrite(_ pattern: String) throws -> String {
        let scalars = Array(pattern.unicodeScalars)
        var out = ""
        var inClass = false
        var classStart = false  // just after "[" or "[^": a "]" here is a literal
        var i = 0
        func unsupported(_ construct: String) -> RegexError {
            .unsupported(pattern: pattern, construct: construct)
        }
        while i < scalars.count {
            let c = scalars[i]
            if c == "\\" {
                guard i + 1 < scalars.count else { throw unsupported("trailing \\") }
                let e = scalars[i + 1]
                switch e {
                case "s", "S":
                    let body = Self.whitespaceClassBody
                    if inClass {
                        guard e == "s" else { throw unsupported("\\S inside a character class") }
                        out += body
                    } else {
                        out += e == "s" ? "[\(body)]" : "[^\(body)]"
                    }
                    i += 2
                case "p", "P":
                    var name = ""
                    var j = i + 2
                    if j < scalars.count, scalars[j] == "{" {
                        j += 1
                        while j < scalars.count, scalars[j] != "}" { name.unicodeScalars.append(scalars[j]); j += 1 }
                        guard j < scalars.count else { throw unsupported("unterminated \\\(e){") }
                        j += 1
                    } else if j < scalars.count {
                        name.unicodeScalars.append(scalars[j]); j += 1
                    }
                    let body = try propertyClassBody(name, pattern: pattern)
                    if inClass {
                        guard e == "p" else { throw unsupported("\\P{\(name)} inside a character class") }
                        out += body
                    } else {
                        out += e == "p" ? "[\(body)]" : "[^\(body)]"
                    }
                    i = j
                case "d", "D":
                    let body = try propertyClassBody("Nd", pattern: pattern)
                    if inClass {
                        guard e == "d" else { throw unsupported("\\D inside a character class") }
                        out += body
                    } else {
                        out += e == "d" ? "[\(body)]" : "[^\(body)]"
                    }
                    i += 2
                case "w", "W", "b", "B", "h", "H", "v", "V", "X", "R":
                    throw unsupported("\\\(e)")
                default:
                    out.unicodeScalars.append(c)
                    out.unicodeScalars.append(e)
                    i += 2
                }
                classStart = false
                continue
            }
            if inClass {
                if c == "]" && !classStart { inClass = false }
                classStart = classStart && c == "^"
                out.unicodeScalars.append(c)
            } else {
                if c == "[" { inClass = true; classStart = true }
                out.unicodeScalars.append(c)
            }
            i += 1
        }
        return out
    }

    static let whitespaceClassBody: String = whitespaceScalars.map(hexEscape).joined()

    private func propertyClassBody(_ name: String, pattern: String) throws -> String {
        let canonical = Self.canonicalPropertyName(name)
        guard let change = UnicodeTables16.changesSince14[canonical] else {
            throw RegexError.unsupported(pattern: pattern, construct: "\\p{\(name)}")
        }
        if patchPCRE2Properties && !change.anyRemoved {
            let added = change.added.split(separator: ",").map { range -> String in
                let ends = range.split(separator: "-").compactMap { UInt32($0, radix: 16) }
                return ends.count == 2 ? "\(Self.hexEscape(ends[0]))-\(Self.hexEscape(ends[1]))" : Self.hexEscape(ends[0])
            }
            return "\\p{\(canonical)}" + added.joined()
        }
        let categories = canonical.count == 1
            ? Set(UnicodeCategoryTable.unicode16.categoryNames.filter { $0.hasPrefix(canonical) })
            : [canonical]
        return UnicodeCategoryTable.unicode16.ranges(of: categories).map { range in
            range.lowerBound == range.upperBound
                ? Self.hexEscape(range.lowerBound)
                : "\(Self.hexEscape(range.lowerBound))-\(Self.hexEscape(range.upperBound))"
        }.joined()
    }

    /// Long property names used by some tokenizer files, mapped to the general category codes.
    private static func canonicalPropertyName(_ name: String) -> String {
        let aliases = [
            "Letter": "L", "Mark": "M", "Number": "N", "Punctuation": "P", "Symbol": "S",
            "Separator": "Z", "Other": "C", "Uppercase_Letter": "Lu", "Lowercase_Letter": "Ll",
            "Titlecase_Letter": "Lt", "Modifier_Letter": "Lm", "Other_Letter": "Lo",
            "Decimal_Number": "Nd", "Letter_Number": "Nl", "Other_Number": "No",
            "Nonspacing_Mark": "Mn", "Spacing_Mark": "Mc", "Enclosing_Mark": "Me",
        ]
        return aliases[name] ?? name
    }

    private static func hexEscape(_ scalar: UInt32) -> String {
        "\\x{" + String(scalar, radix: 16) + "}"
    }
}
