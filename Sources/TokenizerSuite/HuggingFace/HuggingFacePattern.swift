import Pretokenization

/// The `pattern` of a `Split` pre-tokenizer or `Replace` normalizer/decoder: a literal string or an
/// Oniguruma regular expression (run on PCRE2 or a hand-written scanner with the same meaning).
public enum HuggingFacePattern: Sendable {
    /// A literal string.
    case string(String)
    /// A regular expression, as written in the file, and its compiled splitter.
    case regex(String, any PieceSplitter)

    /// The pattern in a short form for descriptions.
    public var summary: String {
        switch self {
        case let .string(s): return "String(\(s.debugDescription))"
        case let .regex(source, splitter):
            return "Regex(\(source.debugDescription)\(splitter is QwenScanner ? ", hand scanner" : ""))"
        }
    }

    /// Compiles a regex pattern with Oniguruma's reading.
    static func regex(_ source: String) throws -> HuggingFacePattern {
        .regex(source, try RegexSplitter.bestOniguruma(for: source))
    }

    /// Calls `body(start, end)` for each non-overlapping, non-empty match in `text`, leftmost first.
    func forEachMatch(in text: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) throws -> Void) throws {
        switch self {
        case let .string(literal):
            let needle = Array(literal.utf8)
            guard !needle.isEmpty, needle.count <= text.count else { return }
            var i = 0
            while i + needle.count <= text.count {
                var k = 0
                while k < needle.count && text[i + k] == needle[k] { k += 1 }
                if k == needle.count {
                    try body(i, i + needle.count)
                    i += needle.count
                } else {
                    i += 1
                }
            }
        case let .regex(_, splitter):
            var matches: [(Int, Int)] = []
            try splitter.forEachPiece(in: text) { matches.append(($0, $1)) }
            for (s, e) in matches { try body(s, e) }
        }
    }
}
