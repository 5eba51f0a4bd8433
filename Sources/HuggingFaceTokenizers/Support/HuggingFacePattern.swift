import OrderedJSON
import Pretokenization
import TokenizerCore

/// The `pattern` of a `Split` pre-tokenizer or `Replace` normalizer: a literal string or an
/// Oniguruma regular expression (run on PCRE2 or a hand-written scanner with the same meaning).
enum HuggingFacePattern: Sendable {
    /// A literal string.
    case string(String)
    /// A regular expression, as written in the file, and its compiled splitter.
    case regex(String, any PieceSplitter)

    /// Reads `{"String": …}` or `{"Regex": …}`.
    /// - Throws: `JSONShapeError` for another shape, or naming the regex when it cannot be
    ///   translated or compiled.
    init(json: JSONCursor) throws {
        if let literal = try json.member("String") {
            self = .string(try literal.string())
        } else if let regex = try json.member("Regex") {
            let source = try regex.string()
            do {
                self = .regex(source, try RegexSplitter.bestOniguruma(for: source))
            } catch let error as RegexError {
                throw regex.failure(error.description)
            }
        } else {
            throw json.failure("expected {\"String\": …} or {\"Regex\": …}")
        }
    }

    /// The pattern in a short form for descriptions.
    var summary: String {
        switch self {
        case let .string(s): return "String(\(s.debugDescription))"
        case let .regex(source, splitter):
            return "Regex(\(source.debugDescription)\(splitter is RegexSplitter ? "" : ", hand scanner"))"
        }
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
            do {
                try splitter.forEachPiece(in: text) { matches.append(($0, $1)) }
            } catch let error as RegexError {
                throw TokenizerError.pattern(error)
            }
            for (s, e) in matches { try body(s, e) }
        }
    }
}
