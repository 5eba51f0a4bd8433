/// A hand-written scanner that splits text exactly as the Qwen2/Qwen3 `tokenizer.json` pattern does
/// under Oniguruma, in one forward pass:
///
///     (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*
///     |\s*[\r\n]+|\s+(?!\S)|\s+
///
/// The PCRE2 path (`RegexSplitter(onigurumaPattern:)`) stays the general engine and the cross-check
/// in tests.
package struct QwenScanner: PieceSplitter, OnePassScanner {
    /// The pattern this scanner implements, as written in Qwen's `tokenizer.json`.
    package static let pattern =
        #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#

    /// A scanner with the pinned Unicode 16.0 classes.
    package init() {}

    package func forEachPiece(in text: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) throws {
        scanPieces(text, body)
    }

    package func forEachPieceBatch(in text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<Range<Int>>) -> Void) throws {
        scanWindowBatches(text, body)
    }

    @inline(__always)
    func pieceEnd(_ c: inout ScalarCursor, from i: Int) -> Int {
        // `\p{N}`: one scalar; no `\s++$` alternative.
        ContractionFirstPattern.pieceEnd(&c, from: i, maxNumbers: 1, wholeWhitespaceRunAtEnd: false)
    }
}
