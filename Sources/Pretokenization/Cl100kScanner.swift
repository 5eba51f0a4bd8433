/// A hand-written scanner that splits text exactly as cl100k's pattern does, in one forward pass:
///
///     '(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+
///     |\s++$|\s*[\r\n]|\s+(?!\S)|\s
public struct Cl100kScanner: PieceSplitter, OnePassScanner {
    /// A scanner with the pinned Unicode 16.0 classes.
    public init() {}

    public func forEachPiece(in text: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) throws {
        scanPieces(text, body)
    }

    @inline(__always)
    func pieceEnd(_ c: inout ScalarCursor, from i: Int) -> Int {
        let contraction = Contraction.length(&c, at: i)
        if contraction > 0 { return i + contraction }
        let (f0, len0) = c.flagsAt(i)
        // `[^\r\n\p{L}\p{N}]?+\p{L}++`: the optional prefix is possessive, so it is never given back.
        let letterStart = f0 & (ScalarClasses.letter | ScalarClasses.number | ScalarClasses.lineBreak) == 0 ? i + len0 : i
        var end = letterStart
        while end < c.count {
            let (f, l) = c.flagsAt(end)
            guard f & ScalarClasses.letter != 0 else { break }
            end += l
        }
        if end > letterStart { return end }
        // `\p{N}{1,3}+`.
        if f0 & ScalarClasses.number != 0 {
            end = i + len0
            for _ in 0..<2 {
                guard end < c.count else { break }
                let (f, l) = c.flagsAt(end)
                guard f & ScalarClasses.number != 0 else { break }
                end += l
            }
            return end
        }
        if let punctuationEnd = PunctuationRun.end(&c, from: i, slashesTrail: false) { return punctuationEnd }
        return WhitespaceRun.end(&c, from: i, wholeRunAtEnd: true)
    }
}
