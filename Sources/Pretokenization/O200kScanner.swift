/// A hand-written scanner that splits text exactly as o200k's pattern does on a backtracking regex
/// engine, in one forward pass:
///
///     [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
///     |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
///     |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
///
/// The PCRE2 path (`RegexSplitter`) stays the general engine and the cross-check in tests.
package struct O200kScanner: PieceSplitter, OnePassScanner {
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
        if let end = ASCIIRun.casedPieceEnd(&c, from: i, maxDigits: 3) { return end }
        let (f0, len0) = c.flagsAt(i)
        // Alternatives 1 and 2: letters, with an optional leading [^\r\n\p{L}\p{N}].
        let leadingIsOptionalPrefix = f0 & (ScalarClasses.letter | ScalarClasses.number | ScalarClasses.lineBreak) == 0
        if leadingIsOptionalPrefix, let end = letterRun(&c, from: i + len0, requireLower: true) { return end }
        if let end = letterRun(&c, from: i, requireLower: true) { return end }
        if leadingIsOptionalPrefix, let end = letterRun(&c, from: i + len0, requireLower: false) { return end }
        if let end = letterRun(&c, from: i, requireLower: false) { return end }
        // Alternative 3: \p{N}{1,3}.
        if f0 & ScalarClasses.number != 0 { return NumberRun.end(&c, from: i, firstLength: len0, maxScalars: 3) }
        // Alternative 4: ` ?[^\s\p{L}\p{N}]+[\r\n/]*`.
        if let end = PunctuationRun.end(&c, from: i, slashesTrail: true) { return end }
        // Alternatives 5–7 start with white space.
        return WhitespaceRun.end(&c, from: i, wholeRunAtEnd: false)
    }

    /// Alternative 1 (`requireLower`: `U*Lw+C?`) or 2 (`U+Lw*C?`) starting at `s`, or nil.
    @inline(__always)
    private func letterRun(_ c: inout ScalarCursor, from s: Int, requireLower: Bool) -> Int? {
        var k = s
        var lastLowerEnd = -1  // end of the last [Ll Lm Lo M] scalar inside the U* run
        while k < c.count {
            let (f, l) = c.flagsAt(k)
            guard f & ScalarClasses.upperish != 0 else { break }
            k += l
            if f & ScalarClasses.lowerish != 0 { lastLowerEnd = k }
        }
        var end: Int
        if k < c.count, c.flagsAt(k).flags & ScalarClasses.lowerish != 0 {
            // The run stops at an Ll: the lower run continues from it.
            end = k
            while end < c.count {
                let (f, l) = c.flagsAt(end)
                guard f & ScalarClasses.lowerish != 0 else { break }
                end += l
            }
        } else if requireLower {
            guard lastLowerEnd >= 0 else { return nil }
            end = lastLowerEnd
        } else {
            guard k > s else { return nil }
            end = k
        }
        return end + Contraction.length(&c, at: end)
    }
}

/// A scanner that finds each piece's end from its start in one forward pass.
protocol OnePassScanner {
    /// The end of the piece that starts at `start` (< the text's length).
    func pieceEnd(_ cursor: inout ScalarCursor, from start: Int) -> Int
}

extension OnePassScanner {
    /// Passes each piece of `text`, in order, to `body`.
    @inline(__always)
    func scanPieces(_ text: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) {
        guard let base = text.baseAddress else { return }
        var cursor = ScalarCursor(base, text.count, .unicode16)
        var i = 0
        while i < text.count {
            let end = pieceEnd(&cursor, from: i)
            body(i, end)
            i = end
        }
    }

    /// Passes the pieces of `text`, in order, to `body` in batches of at most `pieceBatchCapacity`.
    @inline(__always)
    func scanPieceBatches(_ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<Range<Int>>) -> Void) {
        guard let base = text.baseAddress else { return }
        withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: pieceBatchCapacity) { buffer in
            guard let batch = buffer.baseAddress else { return }
            var cursor = ScalarCursor(base, text.count, .unicode16)
            var i = 0
            var count = 0
            while i < text.count {
                let end = pieceEnd(&cursor, from: i)
                (batch + count).initialize(to: Range(uncheckedBounds: (i, end)))
                count &+= 1
                if count == pieceBatchCapacity {
                    body(UnsafeBufferPointer(start: batch, count: count))
                    count = 0
                }
                i = end
            }
            if count > 0 { body(UnsafeBufferPointer(start: batch, count: count)) }
        }
    }
}

/// Reads scalars and their class flags from valid UTF-8.
@usableFromInline
struct ScalarCursor {
    @usableFromInline let base: UnsafePointer<UInt8>
    @usableFromInline let count: Int
    @usableFromInline let classes: ScalarClasses

    @inlinable init(_ base: UnsafePointer<UInt8>, _ count: Int, _ classes: ScalarClasses) {
        self.base = base; self.count = count; self.classes = classes
    }

    @inlinable @inline(__always) func byte(_ i: Int) -> UInt8 { base[i] }

    /// The flags and byte length of the scalar at `i` (< count).
    @inlinable @inline(__always)
    func flagsAt(_ i: Int) -> (flags: UInt8, length: Int) {
        let b = base[i]
        if b < 0x80 { return (classes.latin1[Int(b)], 1) }
        let (scalar, length) = UTF8Scalar.decode(base, at: i)
        return (classes.flags(scalar), length)
    }
}

/// The case-insensitive contraction suffixes (`'s`, `'t`, `'re`, `'ve`, `'m`, `'ll`, `'d`), with
/// Unicode simple case folding: `ſ` (U+017F) matches `s`.
enum Contraction {
    /// The byte length of a contraction at `i`, or 0. o200k's `'s|'t|'re|'ve|'m|'ll|'d` and cl100k's
    /// `'(?i:[sdmt]|ll|ve|re)` are the same set, and no member is a prefix of another.
    @inline(__always)
    static func length(_ c: inout ScalarCursor, at i: Int) -> Int {
        length(c.base, c.count, at: i)
    }

    /// `length(_:at:)` over the `count` bytes at `p`.
    @inline(__always)
    static func length(_ p: UnsafePointer<UInt8>, _ count: Int, at i: Int) -> Int {
        guard i + 1 < count, p[i] == 0x27 else { return 0 }
        return length(p, count, after: i + 1)
    }

    @inline(__always)
    private static func length(_ p: UnsafePointer<UInt8>, _ count: Int, after j: Int) -> Int {
        func lower(_ k: Int) -> UInt8 { k < count ? p[k] | 0x20 : 0 }
        let first = p[j]
        if first == 0xC5, j + 1 < count, p[j + 1] == 0xBF { return 3 }  // 'ſ
        switch first | 0x20 {
        case UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "m"), UInt8(ascii: "d"):
            return first >= 0x41 && first <= 0x7A ? 2 : 0
        case UInt8(ascii: "r"), UInt8(ascii: "v"):
            guard first >= 0x41 && first <= 0x7A else { return 0 }
            return lower(j + 1) == UInt8(ascii: "e") && p[j + 1] < 0x80 ? 3 : 0
        case UInt8(ascii: "l"):
            guard first >= 0x41 && first <= 0x7A else { return 0 }
            return lower(j + 1) == UInt8(ascii: "l") && p[j + 1] < 0x80 ? 3 : 0
        default:
            return 0
        }
    }
}

/// `\p{N}{1,maxScalars}` at `i`, whose first scalar (a number) is `firstLength` bytes long.
enum NumberRun {
    @inline(__always)
    static func end(_ c: inout ScalarCursor, from i: Int, firstLength: Int, maxScalars: Int) -> Int {
        var end = i + firstLength
        for _ in 1..<maxScalars {
            guard end < c.count else { break }
            let (f, l) = c.flagsAt(end)
            guard f & ScalarClasses.number != 0 else { break }
            end += l
        }
        return end
    }
}

/// The punctuation alternative shared by the OpenAI patterns: ` ?[^\s\p{L}\p{N}]+` followed by
/// `[\r\n/]*` (o200k, `slashesTrail`) or `[\r\n]*` (cl100k).
enum PunctuationRun {
    @inline(__always)
    static func end(_ c: inout ScalarCursor, from i: Int, slashesTrail: Bool) -> Int? {
        let start = c.byte(i) == 0x20 ? i + 1 : i
        var end = start
        while end < c.count {
            let (f, l) = c.flagsAt(end)
            guard f & (ScalarClasses.whitespace | ScalarClasses.letter | ScalarClasses.number) == 0 else { break }
            end += l
        }
        guard end > start else { return nil }
        while end < c.count {
            let b = c.byte(end)
            guard b == 0x0D || b == 0x0A || (slashesTrail && b == 0x2F) else { break }
            end += 1
        }
        return end
    }
}

/// The white-space alternatives shared by the OpenAI patterns.
enum WhitespaceRun {
    /// o200k's `\s*[\r\n]+|\s+(?!\S)|\s+` at `i`; with `wholeRunAtEnd`, cl100k's
    /// `\s++$|\s*[\r\n]|\s+(?!\S)|\s`. Anything that is not white space is a piece of its own
    /// scalar (unreachable: the patterns' alternatives cover every scalar).
    @inline(__always)
    static func end(_ c: inout ScalarCursor, from i: Int, wholeRunAtEnd: Bool) -> Int {
        var k = i
        var lastBreakEnd = -1
        var lastScalarStart = i
        while k < c.count {
            let (f, l) = c.flagsAt(k)
            guard f & ScalarClasses.whitespace != 0 else { break }
            lastScalarStart = k
            k += l
            if f & ScalarClasses.lineBreak != 0 { lastBreakEnd = k }
        }
        if k == i { return i + c.flagsAt(i).length }
        return decide(
            start: i, runEnd: k, lastBreakEnd: lastBreakEnd, lastScalarStart: lastScalarStart, atTextEnd: k == c.count,
            wholeRunAtEnd: wholeRunAtEnd)
    }

    /// The piece's end for a run of white space from `start` to `runEnd` (not empty), whose last
    /// line break ends at `lastBreakEnd` (-1: none) and last scalar starts at `lastScalarStart`.
    @inline(__always)
    static func decide(
        start: Int, runEnd: Int, lastBreakEnd: Int, lastScalarStart: Int, atTextEnd: Bool, wholeRunAtEnd: Bool
    ) -> Int {
        if wholeRunAtEnd && atTextEnd { return runEnd }                    // \s++$
        if lastBreakEnd >= 0 { return lastBreakEnd }                       // \s*[\r\n]+
        if atTextEnd || lastScalarStart == start { return runEnd }          // \s+(?!\S) at the end, or \s+
        return lastScalarStart                                              // give the last one back
    }
}
