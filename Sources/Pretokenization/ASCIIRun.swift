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

    /// ASCII bytes in `[^\s\p{L}\p{N}]` (punctuation, symbols, controls), as bits 0–63 and 64–127.
    static let punctuationLow: UInt64 = 0xFC00_FFFE_FFFF_C1FF
    static let punctuationHigh: UInt64 = 0xF800_0001_F800_0001
    /// ASCII white space, `\t \n \v \f \r` and space (all below 64).
    static let whitespaceLow: UInt64 = 0x1_0000_3E00

    /// Whether the ASCII byte `b` is in `[^\s\p{L}\p{N}]`.
    @inline(__always) static func isPunctuation(_ b: UInt8) -> Bool {
        ((b < 64 ? punctuationLow : punctuationHigh) &>> UInt64(b & 63)) & 1 != 0
    }

    /// Whether the byte `b` is ASCII white space.
    @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool {
        b < 64 && (whitespaceLow &>> UInt64(b)) & 1 != 0
    }

    /// `afterNonWord`'s answer when the piece is not decided by ASCII.
    static let undecided = -1
    /// `afterNonWord`'s answer when the byte is the optional prefix of a word at the next byte.
    static let wordFollows = -2

    /// The end of o200k's piece at `i` when it is decided by ASCII bytes: a word (its first two
    /// alternatives), up to `maxDigits` digits, punctuation, or white space; nil otherwise.
    ///
    /// On ASCII the two letter alternatives agree with "the upper run, then the lower run": `U*L+`
    /// takes both runs when there is a lower one; otherwise `U+L*` takes the upper run.
    @inline(__always)
    static func casedPieceEnd(_ cursor: inout ScalarCursor, from i: Int, maxDigits: Int) -> Int? {
        let c = TextBytes(base: cursor.base, count: cursor.count)
        let b0 = c.byte(i)
        guard b0 < 0x80 else { return nil }
        guard let start = wordStart(c, at: i, b0, maxDigits: maxDigits, slashesTrail: true, wholeWhitespaceRunAtEnd: false)
        else { return nil }
        return start < 0 ? -start - 1 : casedWordEnd(c, from: start)
    }

    /// The end of cl100k's or Qwen's piece at `i` when it is decided by ASCII bytes: a word
    /// (`[^\r\n\p{L}\p{N}]?\p{L}+`), up to `maxDigits` digits, punctuation, or white space
    /// (`\s++$` first when `wholeWhitespaceRunAtEnd`); nil otherwise, and at an apostrophe, where
    /// their contraction alternative comes first.
    @inline(__always)
    static func pieceEnd(_ cursor: inout ScalarCursor, from i: Int, maxDigits: Int, wholeWhitespaceRunAtEnd: Bool) -> Int? {
        let c = TextBytes(base: cursor.base, count: cursor.count)
        let b0 = c.byte(i)
        guard b0 < 0x80, b0 != 0x27 else { return nil }
        guard let start = wordStart(
            c, at: i, b0, maxDigits: maxDigits, slashesTrail: false, wholeWhitespaceRunAtEnd: wholeWhitespaceRunAtEnd)
        else { return nil }
        return start < 0 ? -start - 1 : wordEnd(c, from: start)
    }

    /// Where the word of the piece at `i` (ASCII byte `b0`) starts: `i` at a letter, `i + 1` after
    /// a prefix; or, for a piece that is no word, its end `e` as `-e - 1`; nil when ASCII does
    /// not decide. A space before a letter, the most common piece start, is checked first.
    @inline(__always)
    private static func wordStart(
        _ c: TextBytes, at i: Int, _ b0: UInt8, maxDigits: Int, slashesTrail: Bool, wholeWhitespaceRunAtEnd: Bool
    ) -> Int? {
        if isLetter(b0) { return i }
        if b0 == 0x20 && i + 1 < c.count && isLetter(c.byte(i + 1)) { return i + 1 }
        if isDigit(b0) { return digitsEnd(c, from: i, maxDigits: maxDigits).map { -$0 - 1 } }
        let next = afterNonWord(c, at: i, slashesTrail: slashesTrail, wholeWhitespaceRunAtEnd: wholeWhitespaceRunAtEnd)
        if next >= 0 { return -next - 1 }
        return next == wordFollows ? i + 1 : nil
    }

    /// The piece at an ASCII byte `i` that is not a letter or digit, when ASCII decides it:
    /// `wordFollows` when a letter follows (the byte is the word's optional prefix); otherwise the
    /// end of the punctuation alternative ` ?[^\s\p{L}\p{N}]+` with its trailing `[\r\n/]*`
    /// (`slashesTrail`) or `[\r\n]*`, or of the white-space alternatives; `undecided` when a
    /// byte outside ASCII takes part in the answer.
    @inline(__always)
    static func afterNonWord(_ c: TextBytes, at i: Int, slashesTrail: Bool, wholeWhitespaceRunAtEnd: Bool) -> Int {
        let b0 = c.byte(i)
        // A line break is no word prefix and no punctuation: white space decides.
        if b0 == 0x0A || b0 == 0x0D { return whitespaceEnd(c, from: i, wholeRunAtEnd: wholeWhitespaceRunAtEnd) }
        guard i + 1 < c.count else { return undecided }
        let b1 = c.byte(i + 1)
        guard b1 < 0x80 else { return undecided }
        if isLetter(b1) { return wordFollows }
        if isPunctuation(b0) || (b0 == 0x20 && isPunctuation(b1)) {
            return punctuationEnd(c, from: i, slashesTrail: slashesTrail)
        }
        return whitespaceEnd(c, from: i, wholeRunAtEnd: wholeWhitespaceRunAtEnd)
    }

    /// ` ?[^\s\p{L}\p{N}]+` from `i` over ASCII, then `[\r\n/]*` or `[\r\n]*`; `undecided`
    /// when the run meets a byte outside ASCII.
    @inline(__always)
    private static func punctuationEnd(_ c: TextBytes, from i: Int, slashesTrail: Bool) -> Int {
        var k = c.byte(i) == 0x20 ? i + 1 : i
        while k < c.count {
            let b = c.byte(k)
            guard b < 0x80 else { return undecided }
            guard isPunctuation(b) else { break }
            k += 1
        }
        while k < c.count {
            let b = c.byte(k)
            guard b == 0x0A || b == 0x0D || (slashesTrail && b == 0x2F) else { break }
            k += 1
        }
        return k
    }

    /// The white-space alternatives (see `WhitespaceRun`) from `i` over ASCII white space;
    /// `undecided` when the run meets a byte outside ASCII, which may be white space too.
    @inline(__always)
    private static func whitespaceEnd(_ c: TextBytes, from i: Int, wholeRunAtEnd: Bool) -> Int {
        var k = i
        var lastBreakEnd = -1
        while k < c.count {
            let b = c.byte(k)
            guard isWhitespace(b) else {
                if b >= 0x80 { return undecided }
                break
            }
            k += 1
            if b == 0x0A || b == 0x0D { lastBreakEnd = k }
        }
        return WhitespaceRun.decide(
            start: i, runEnd: k, lastBreakEnd: lastBreakEnd, lastScalarStart: k - 1, atTextEnd: k == c.count,
            wholeRunAtEnd: wholeRunAtEnd)
    }

    /// o200k's letters from `s` (an ASCII letter) and a contraction, or nil when the run stops at
    /// a byte outside ASCII.
    @inline(__always)
    private static func casedWordEnd(_ c: TextBytes, from s: Int) -> Int? {
        var k = s
        while k < c.count && isUpper(c.byte(k)) { k += 1 }
        k = lowerCaseRunEnd(c, from: k, foldingCase: false)
        guard k < c.count else { return k }
        let next = c.byte(k)
        if next >= 0x80 { return nil }
        return next == 0x27 ? k + Contraction.length(c.base, c.count, at: k) : k
    }

    /// `\p{L}+` from `s` (an ASCII letter), or nil when the run stops at a byte outside ASCII.
    @inline(__always)
    private static func wordEnd(_ c: TextBytes, from s: Int) -> Int? {
        let k = lowerCaseRunEnd(c, from: s, foldingCase: true)
        if k < c.count && c.byte(k) >= 0x80 { return nil }
        return k
    }

    /// The end of the run of ASCII lower case letters from `s` (with `foldingCase`, of letters of
    /// either case), eight bytes at a time: one branch per word of text instead of one per letter.
    @inline(__always)
    private static func lowerCaseRunEnd(_ c: TextBytes, from s: Int, foldingCase: Bool) -> Int {
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
    private static func digitsEnd(_ c: TextBytes, from i: Int, maxDigits: Int) -> Int? {
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

/// The text as the ASCII paths read it: its bytes and their count, two words to pass around
/// (the scanners' cursor also carries the class tables).
struct TextBytes {
    let base: UnsafePointer<UInt8>
    let count: Int

    @inline(__always) func byte(_ i: Int) -> UInt8 { base[i] }
}
