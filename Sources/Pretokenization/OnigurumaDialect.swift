/// Translates a regular expression written for Oniguruma's Ruby syntax (the engine behind Hugging
/// Face `tokenizer.json` patterns) into the PCRE2 syntax that `PatternRewriter` takes, keeping its
/// meaning where the two dialects read the same text differently:
///
/// - `X{n,m}+` (and `{n}+`, `{n,}+`) is an interval followed by a `+` repeat in Oniguruma, but
///   possessive in PCRE2: it becomes `(?:X{n,m})+`.
/// - `$` is an end-of-line anchor (before any `\n`, or at the end): it becomes `(?=\n|\z)`.
/// - `^` is a start-of-line anchor: it becomes `(?:^|(?<=\n))`.
/// - `.` matches anything but `\n`: it becomes `[^\n]`.
/// - `\h`/`\H` are hexadecimal digits (not horizontal space).
///
/// Constructs with no exact PCRE2 reading (nested classes, class intersection `&&`, absent groups
/// `(?~…)`, `\K`, `\G`) are errors naming the construct.
package enum OnigurumaDialect {
    /// The PCRE2-syntax equivalent of `pattern`.
    /// - Throws: `RegexError.unsupported` naming the construct.
    package static func translate(_ pattern: String) throws -> String {
        let s = Array(pattern.unicodeScalars)
        var out: [Unicode.Scalar] = []
        var groupStarts: [Int] = []
        var lastAtomStart: Int? = nil
        var i = 0
        func unsupported(_ construct: String) -> RegexError { .unsupported(pattern: pattern, construct: construct) }
        func append(_ text: String) { out.append(contentsOf: text.unicodeScalars) }
        while i < s.count {
            let c = s[i]
            switch c {
            case "\\":
                guard i + 1 < s.count else { throw unsupported("trailing \\") }
                let e = s[i + 1]
                lastAtomStart = out.count
                switch e {
                case "h": append("[0-9a-fA-F]"); i += 2
                case "H": append("[^0-9a-fA-F]"); i += 2
                case "K", "G", "y", "Y", "O": throw unsupported("\\\(e)")
                case "u" where i + 5 < s.count && s[(i + 2)...(i + 5)].allSatisfy({ $0.properties.isASCIIHexDigit }):
                    append("\\x{"); out.append(contentsOf: s[(i + 2)...(i + 5)]); append("}")
                    i += 6
                case "p", "P":
                    // Copy `\p{...}` whole so its braces are not read as an interval.
                    var j = i + 2
                    if j < s.count, s[j] == "{" {
                        while j < s.count, s[j] != "}" { j += 1 }
                        j = min(j + 1, s.count)
                    } else {
                        j = min(j + 1, s.count)
                    }
                    if i + 3 < s.count, s[i + 2] == "{", s[i + 3] == "^" { throw unsupported("\\\(e){^…}") }
                    out.append(contentsOf: s[i..<j])
                    i = j
                default:
                    out.append(c); out.append(e); i += 2
                }
            case "[":
                lastAtomStart = out.count
                i = try copyClass(s, from: i, into: &out, pattern: pattern)
            case "(":
                if i + 2 < s.count, s[i + 1] == "?", s[i + 2] == "~" { throw unsupported("(?~…)") }
                groupStarts.append(out.count)
                out.append(c)
                i += 1
            case ")":
                lastAtomStart = groupStarts.popLast()
                out.append(c)
                i += 1
            case "$":
                lastAtomStart = nil
                append(#"(?=\n|\z)"#)
                i += 1
            case "^":
                lastAtomStart = nil
                append(#"(?:^|(?<=\n))"#)
                i += 1
            case ".":
                lastAtomStart = out.count
                append(#"[^\n]"#)
                i += 1
            case "{":
                // An interval quantifier followed by `+`: a repeat of the interval in Oniguruma.
                var j = i + 1
                var sawDigit = false
                while j < s.count, s[j].properties.numericType == .decimal || s[j] == "," {
                    if s[j] != "," { sawDigit = true }
                    j += 1
                }
                if sawDigit, j < s.count, s[j] == "}" {
                    let interval = s[i...j]
                    if j + 1 < s.count, s[j + 1] == "+", let atom = lastAtomStart {
                        out.insert(contentsOf: "(?:".unicodeScalars, at: atom)
                        out.append(contentsOf: interval)
                        append(")+")
                        i = j + 2
                    } else {
                        out.append(contentsOf: interval)
                        i = j + 1
                    }
                    lastAtomStart = nil
                } else {
                    lastAtomStart = out.count
                    out.append(c)
                    i += 1
                }
            case "|":
                lastAtomStart = nil
                out.append(c)
                i += 1
            case "*", "+", "?":
                out.append(c)
                i += 1
            default:
                lastAtomStart = out.count
                out.append(c)
                i += 1
            }
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: out)
        return result
    }

    /// Copies a character class starting at `s[start] == "["`; returns the index after its `]`.
    private static func copyClass(
        _ s: [Unicode.Scalar], from start: Int, into out: inout [Unicode.Scalar], pattern: String
    ) throws -> Int {
        var i = start + 1
        out.append("[")
        if i < s.count, s[i] == "^" { out.append("^"); i += 1 }
        var first = true
        while i < s.count {
            let c = s[i]
            if c == "\\" {
                guard i + 1 < s.count else { break }
                if s[i + 1] == "h" || s[i + 1] == "H" {
                    guard s[i + 1] == "h" else { throw RegexError.unsupported(pattern: pattern, construct: "\\H inside a character class") }
                    out.append(contentsOf: "0-9a-fA-F".unicodeScalars)
                } else {
                    out.append(c); out.append(s[i + 1])
                }
                i += 2
                first = false
                continue
            }
            if c == "]" && !first {
                out.append(c)
                return i + 1
            }
            if c == "[" {
                if i + 1 < s.count, s[i + 1] == ":" {
                    throw RegexError.unsupported(pattern: pattern, construct: "POSIX bracket [:…:]")
                }
                throw RegexError.unsupported(pattern: pattern, construct: "nested character class")
            }
            if c == "&", i + 1 < s.count, s[i + 1] == "&" {
                throw RegexError.unsupported(pattern: pattern, construct: "class intersection &&")
            }
            out.append(c)
            first = false
            i += 1
        }
        throw RegexError.unsupported(pattern: pattern, construct: "unterminated character class")
    }
}

extension RegexSplitter {
    /// Compiles a `tokenizer.json` pattern: Oniguruma's reading, Unicode 16 classes and white space.
    /// - Throws: `RegexError` when the pattern cannot be translated or compiled.
    package init(onigurumaPattern pattern: String, rewriter: PatternRewriter = PatternRewriter()) throws {
        sourcePattern = pattern
        regex = try PCRE2Regex(try rewriter.rewrite(try OnigurumaDialect.translate(pattern)))
    }

    /// The fastest exact splitter for a `tokenizer.json` pattern: a hand-written scanner for the
    /// Qwen2/Qwen3 pattern, PCRE2 with Oniguruma's reading otherwise.
    package static func bestOniguruma(for pattern: String) throws -> any PieceSplitter {
        if pattern == QwenScanner.pattern { return QwenScanner() }
        return try RegexSplitter(onigurumaPattern: pattern)
    }
}
