/// Fast paths of the hand-written scanners for pieces of ASCII text: a word of ASCII letters with
/// an optional one-byte prefix (` word`, `(word`), ASCII digits, punctuation and white space.
///
/// Each returns the piece's end when the piece and the byte after it are ASCII, so the answer is
/// certain from ASCII alone, and nil otherwise; the caller then runs the general scanner from the
/// same position. A nil costs only the bytes looked at.
enum ASCIIRun {
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    @inline(__always) static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    /// The end of o200k's piece at `i` when it is decided by ASCII bytes: a word (its first two
    /// alternatives), up to `maxDigits` digits, punctuation, or white space; nil otherwise.
    ///
    /// On ASCII the two letter alternatives agree with "the upper run, then the lower run": `U*L+`
    /// takes both runs when there is a lower one; otherwise `U+L*` takes the upper run.
    @inline(__always)
    static func casedPieceEnd(_ c: inout ScalarCursor, from i: Int, maxDigits: Int) -> Int? {
        let b0 = c.byte(i)
        guard b0 < 0x80 else { return nil }
        if isLetter(b0) { return casedWordEnd(&c, from: i) }
        if isDigit(b0) { return digitsEnd(c, from: i, maxDigits: maxDigits) }
        guard let next = afterNonWord(&c, at: i, slashesTrail: true) else { return nil }
        return next == .word ? casedWordEnd(&c, from: i + 1) : next.end
    }

    /// The end of cl100k's or Qwen's piece at `i` when it is decided by ASCII bytes: a word
    /// (`[^\r\n\p{L}\p{N}]?\p{L}+`), up to `maxDigits` digits, punctuation, or white space
    /// (`\s++$` first when `wholeWhitespaceRunAtEnd`); nil otherwise, and at an apostrophe, where
    /// their contraction alternative comes first.
    @inline(__always)
    static func pieceEnd(_ c: inout ScalarCursor, from i: Int, maxDigits: Int, wholeWhitespaceRunAtEnd: Bool) -> Int? {
        let b0 = c.byte(i)
        guard b0 < 0x80, b0 != 0x27 else { return nil }
        if isLetter(b0) { return wordEnd(c, from: i) }
        if isDigit(b0) { return digitsEnd(c, from: i, maxDigits: maxDigits) }
        guard let next = afterNonWord(&c, at: i, slashesTrail: false, wholeWhitespaceRunAtEnd: wholeWhitespaceRunAtEnd)
        else { return nil }
        return next == .word ? wordEnd(c, from: i + 1) : next.end
    }

    /// What follows an ASCII byte at `i` that is not a letter or digit.
    enum NonWordStart: Equatable {
        /// The byte is the optional prefix of a word of ASCII letters at `i + 1`.
        case word
        /// The piece is punctuation or white space, ending here.
        case other(Int)

        var end: Int? { if case .other(let end) = self { return end }; return nil }
    }

    /// The piece at an ASCII non-letter, non-digit `i` when ASCII decides it: a word after it,
    /// or (no letter following) the punctuation alternative ` ?[^\s\p{L}\p{N}]+` with its
    /// trailing `[\r\n/]*` or `[\r\n]*`, or the white-space alternatives.
    @inline(__always)
    static func afterNonWord(
        _ c: inout ScalarCursor, at i: Int, slashesTrail: Bool, wholeWhitespaceRunAtEnd: Bool = false
    ) -> NonWordStart? {
        let f0 = c.flagsAt(i).flags
        let isBreak = f0 & ScalarClasses.lineBreak != 0
        if !isBreak {
            // The word prefix and the punctuation's optional space look one byte ahead.
            guard i + 1 < c.count else { return nil }
            let b1 = c.byte(i + 1)
            guard b1 < 0x80 else { return nil }
            if isLetter(b1) { return .word }
            let f1 = c.flagsAt(i + 1).flags
            let b1IsPunctuation = f1 & (ScalarClasses.whitespace | ScalarClasses.number) == 0
            if f0 & ScalarClasses.whitespace == 0 || (c.byte(i) == 0x20 && b1IsPunctuation) {
                guard let end = PunctuationRun.end(&c, from: i, slashesTrail: slashesTrail) else { return nil }
                return .other(end)
            }
        }
        return .other(WhitespaceRun.end(&c, from: i, wholeRunAtEnd: wholeWhitespaceRunAtEnd))
    }

    /// o200k's letters from `s` (an ASCII letter) and a contraction, or nil when the run stops at
    /// a byte outside ASCII.
    @inline(__always)
    private static func casedWordEnd(_ c: inout ScalarCursor, from s: Int) -> Int? {
        var k = s
        while k < c.count && isUpper(c.byte(k)) { k += 1 }
        k = lowerCaseRunEnd(c, from: k, foldingCase: false)
        if k < c.count && c.byte(k) >= 0x80 { return nil }
        return k + Contraction.length(&c, at: k)
    }

    /// `\p{L}+` from `s` (an ASCII letter), or nil when the run stops at a byte outside ASCII.
    @inline(__always)
    private static func wordEnd(_ c: ScalarCursor, from s: Int) -> Int? {
        let k = lowerCaseRunEnd(c, from: s, foldingCase: true)
        if k < c.count && c.byte(k) >= 0x80 { return nil }
        return k
    }

    /// The end of the run of ASCII lower case letters from `s` (with `foldingCase`, of letters of
    /// either case), eight bytes at a time: one branch per word of text instead of one per letter.
    @inline(__always)
    private static func lowerCaseRunEnd(_ c: ScalarCursor, from s: Int, foldingCase: Bool) -> Int {
        let high: UInt64 = 0x8080_8080_8080_8080
        let fold: UInt64 = foldingCase ? 0x2020_2020_2020_2020 : 0
        var k = s
        while k + 8 <= c.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(c.base + k).loadUnaligned(as: UInt64.self))
            // With each byte's top bit cleared, adding 0x1F (0x05) sets it exactly where the byte
            // is at least "a" (0x61) (above "z": 0x7B), and no byte carries into the next.
            let low = (word | fold) & ~high
            let lower = (low &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(low &+ 0x0505_0505_0505_0505) & ~word & high
            let stop = ~lower & high
            if stop != 0 { return k + stop.trailingZeroBitCount &>> 3 }
            k += 8
        }
        while k < c.count && (foldingCase ? isLetter(c.byte(k)) : isLower(c.byte(k))) { k += 1 }
        return k
    }

    /// Up to `maxDigits` ASCII digits from `i` (a digit), or nil when fewer are followed by a
    /// byte outside ASCII, which may be a number too.
    @inline(__always)
    private static func digitsEnd(_ c: ScalarCursor, from i: Int, maxDigits: Int) -> Int? {
        var k = i + 1
        while k - i < maxDigits {
            guard k < c.count else { return k }
            let b = c.byte(k)
            if isDigit(b) { k += 1; continue }
            return b < 0x80 ? k : nil
        }
        return k
    }
}
