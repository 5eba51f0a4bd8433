/// Splits UTF-8 text into the pieces that byte-pair encoding works on.
package protocol PieceSplitter: Sendable {
    /// Calls `body(start, end)` for each piece of `text`, in order, as byte ranges. Text between
    /// pieces (if the splitter skips any) belongs to no piece. `text` must be valid UTF-8.
    func forEachPiece(in text: UnsafeBufferPointer<UInt8>, _ body: (_ start: Int, _ end: Int) -> Void) throws

    /// The pieces of `forEachPiece(in:_:)`, passed to `body` as byte ranges in batches of at most
    /// `pieceBatchCapacity` (each batch valid only during its call), so that a consumer can work
    /// on many pieces per call.
    func forEachPieceBatch(in text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<Range<Int>>) -> Void) throws
}

/// The most pieces `forEachPieceBatch` passes at once.
package let pieceBatchCapacity = 256

extension PieceSplitter {
    package func forEachPieceBatch(in text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<Range<Int>>) -> Void) throws {
        try withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: pieceBatchCapacity) { buffer in
            guard let batch = buffer.baseAddress else { return }
            var count = 0
            try forEachPiece(in: text) { start, end in
                (batch + count).initialize(to: Range(uncheckedBounds: (start, end)))
                count += 1
                if count == pieceBatchCapacity {
                    body(UnsafeBufferPointer(start: batch, count: count))
                    count = 0
                }
            }
            if count > 0 { body(UnsafeBufferPointer(start: batch, count: count)) }
        }
    }
}

/// A splitter that runs a tokenizer regex (in tiktoken's dialect) on PCRE2 and yields its matches.
package struct RegexSplitter: PieceSplitter {
    /// The pattern as written by the vocabulary's authors.
    package let sourcePattern: String
    /// The compiled, rewritten pattern.
    package let regex: PCRE2Regex

    /// Compiles `pattern` after rewriting it for exact Unicode 16 classes and white space.
    /// - Throws: `RegexError` when the pattern cannot be translated or compiled.
    package init(pattern: String, rewriter: PatternRewriter = PatternRewriter()) throws {
        sourcePattern = pattern
        regex = try PCRE2Regex(try rewriter.rewrite(pattern))
    }

    package func forEachPiece(in text: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) throws {
        try regex.forEachMatch(in: text, body)
    }
}

extension PieceSplitter where Self == RegexSplitter {
    /// The fastest exact splitter for `pattern`: a hand-written scanner for the OpenAI patterns
    /// (o200k, cl100k), PCRE2 otherwise.
    package static func best(for pattern: String) throws -> any PieceSplitter {
        switch pattern {
        case KnownPatterns.o200k: return O200kScanner()
        case KnownPatterns.cl100k: return Cl100kScanner()
        default: return try RegexSplitter(pattern: pattern)
        }
    }
}

/// The published pre-tokenization patterns that have hand-written scanners.
package enum KnownPatterns {
    /// o200k_base / o200k_harmony.
    package static let o200k = [
        #"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?"#,
        #"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?"#,
        #"\p{N}{1,3}"#,
        #" ?[^\s\p{L}\p{N}]+[\r\n/]*"#,
        #"\s*[\r\n]+"#,
        #"\s+(?!\S)"#,
        #"\s+"#,
    ].joined(separator: "|")

    /// cl100k_base.
    package static let cl100k =
        #"'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s"#
}
