/// A hand-written scanner that splits text exactly as cl100k's pattern does, in one forward pass:
///
///     '(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+
///     |\s++$|\s*[\r\n]|\s+(?!\S)|\s
package struct Cl100kScanner: PieceSplitter, OnePassScanner {
    /// A scanner with the pinned Unicode 16.0 classes.
    package init() {}

    package func forEachPiece(in text: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) throws {
        scanPieces(text, body)
    }

    package func forEachPieceBatch(in text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<Range<Int>>) -> Void) throws {
        scanPieceBatches(text, body)
    }

    @inline(__always)
    func pieceEnd(_ c: inout ScalarCursor, from i: Int) -> Int {
        // `\p{N}{1,3}+`, and `\s++$` before the other white-space alternatives.
        ContractionFirstPattern.pieceEnd(&c, from: i, maxNumbers: 3, wholeWhitespaceRunAtEnd: true)
    }
}

/// The shape cl100k and Qwen share: `'(?i:s|t|re|ve|m|ll|d)` first, then
/// `[^\r\n\p{L}\p{N}]?\p{L}+`, then up to `maxNumbers` numbers, ` ?[^\s\p{L}\p{N}]+[\r\n]*`, and
/// the white-space alternatives (`\s++$` first when `wholeWhitespaceRunAtEnd`).
enum ContractionFirstPattern {
    @inline(__always)
    static func pieceEnd(_ c: inout ScalarCursor, from i: Int, maxNumbers: Int, wholeWhitespaceRunAtEnd: Bool) -> Int {
        if let end = ASCIIRun.pieceEnd(
            &c, from: i, maxDigits: maxNumbers, wholeWhitespaceRunAtEnd: wholeWhitespaceRunAtEnd) { return end }
        let contraction = Contraction.length(&c, at: i)
        if contraction > 0 { return i + contraction }
        let (f0, len0) = c.flagsAt(i)
        if let end = LetterRun.end(&c, from: i, flags: f0, length: len0) { return end }
        if f0 & ScalarClasses.number != 0 { return NumberRun.end(&c, from: i, firstLength: len0, maxScalars: maxNumbers) }
        if let punctuationEnd = PunctuationRun.end(&c, from: i, slashesTrail: false) { return punctuationEnd }
        return WhitespaceRun.end(&c, from: i, wholeRunAtEnd: wholeWhitespaceRunAtEnd)
    }
}

/// `[^\r\n\p{L}\p{N}]?\p{L}+` (cl100k writes it possessively, Qwen not; the two agree, since the
/// optional prefix is never a letter, so giving it back cannot let `\p{L}+` match).
enum LetterRun {
    /// The end of the run at `i`, whose first scalar has `flags` and `length`, or nil.
    @inline(__always)
    static func end(_ c: inout ScalarCursor, from i: Int, flags: UInt8, length: Int) -> Int? {
        let prefixed = flags & (ScalarClasses.letter | ScalarClasses.number | ScalarClasses.lineBreak) == 0
        let start = prefixed ? i + length : i
        var end = start
        while end < c.count {
            let (f, l) = c.flagsAt(end)
            guard f & ScalarClasses.letter != 0 else { break }
            end += l
        }
        return end > start ? end : nil
    }
}
