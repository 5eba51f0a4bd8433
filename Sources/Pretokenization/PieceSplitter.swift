/// Splits UTF-8 text into the pieces that byte-pair encoding works on.
public protocol PieceSplitter: Sendable {
    /// Calls `body(start, end)` for each piece of `text`, in order, as byte ranges. Text between
    /// pieces (if the splitter skips any) belongs to no piece. `text` must be valid UTF-8.
    func forEachPiece(in text: UnsafeBufferPointer<UInt8>, _ body: (_ start: Int, _ end: Int) -> Void) throws
}

/// A splitter that runs a tokenizer regex (in tiktoken's dialect) on PCRE2 and yields its matches.
public struct RegexSplitter: PieceSplitter {
    /// The pattern as written by the vocabulary's authors.
    public let sourcePattern: String
    /// The compiled, rewritten pattern.
    public let regex: PCRE2Regex

    /// Compiles `pattern` after rewriting it for exact Unicode 16 classes and white space.
    /// - Throws: `RegexError` when the pattern cannot be translated or compiled.
    public init(pattern: String, rewriter: PatternRewriter = PatternRewriter()) throws {
        sourcePattern = pattern
        regex = try PCRE2Regex(try rewriter.rewrite(pattern))
    }

    public func forEachPiece(in text: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) throws {
        try regex.forEachMatch(in: text, body)
    }
}
