import CTokenizerSuiteByteClasses

/// The classes of a window's bytes (bit k: byte k), with its characters outside ASCII decoded and
/// looked up in the Unicode 16 flags: every byte of such a character carries its class, so "the
/// byte before" a character's first byte is the character before it.
struct WindowClasses {
    /// Letters: lower case only (a–z, Ll), upper case only (A–Z, Lu, Lt), and neither (Lm, Lo).
    var lower: UInt64
    var upper: UInt64
    var caseless: UInt64
    /// ASCII digits.
    var digit: UInt64
    /// ASCII white space: space; tab, vertical tab, form feed; carriage return and line feed.
    var space: UInt64
    var otherSpace: UInt64
    var lineBreak: UInt64
    var apostrophe: UInt64
    var slash: UInt64
    /// Bytes after a character's first.
    var continuation: UInt64
    /// Characters outside ASCII that are marks, numbers or white space.
    var mark: UInt64 = 0
    var otherNumber: UInt64 = 0
    var otherWhite: UInt64 = 0
    /// Bytes of a character that does not end inside the window (not classed).
    var unknown: UInt64 = 0
    /// Bytes outside ASCII.
    let high: UInt64

    var letter: UInt64 { lower | upper | caseless }
    /// ASCII white space other than line breaks, and all ASCII white space.
    var horizontal: UInt64 { space | otherSpace }
    var white: UInt64 { space | otherSpace | lineBreak }

    /// `starts` (bits at characters' first bytes) over every byte of their characters.
    @inline(__always)
    func characterWide(_ starts: UInt64) -> UInt64 {
        continuation == 0 ? starts : WindowBits.spread(starts, through: starts | continuation)
    }

    /// The classes of the window at `w` with byte classes `c`.
    @inline(__always)
    init(_ c: TSByteClasses, _ base: UnsafePointer<UInt8>, window w: Int) {
        lower = c.lower
        upper = c.upper
        caseless = 0
        digit = c.digit
        space = c.space
        otherSpace = c.otherSpace
        lineBreak = c.lineBreak
        apostrophe = c.apostrophe
        slash = c.slash
        continuation = c.continuation
        high = c.high
        if c.high != 0 { classifyOutsideASCII(base, window: w) }
    }

    /// The class of every code point below U+10000 as an index into the masks that
    /// `classifyOutsideASCII` fills: 0 none (punctuation and the rest), 1 lower, 2 upper,
    /// 3 caseless, 4 mark, 5 number, 6 white space. Built on first use (64 KB), from the Unicode
    /// 16 flags; never written after that.
    nonisolated(unsafe) static let basicPlaneCodes: UnsafePointer<UInt8> = {
        let codes = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        let classes = ScalarClasses.unicode16
        for cp in 0..<0x10000 { codes[cp] = code(classes.flags(UInt32(cp))) }
        return UnsafePointer(codes)
    }()

    @inline(__always)
    static func code(_ flags: UInt8) -> UInt8 {
        if flags & ScalarClasses.letter != 0 {
            let upperish = flags & ScalarClasses.upperish != 0
            let lowerish = flags & ScalarClasses.lowerish != 0
            return upperish && !lowerish ? 2 : lowerish && !upperish ? 1 : 3
        }
        if flags & ScalarClasses.mark != 0 { return 4 }
        if flags & ScalarClasses.number != 0 { return 5 }
        if flags & ScalarClasses.whitespace != 0 { return 6 }
        return 0
    }

    @inline(never)
    private mutating func classifyOutsideASCII(_ base: UnsafePointer<UInt8>, window w: Int) {
        let codes = Self.basicPlaneCodes
        // Masks by class code (see `basicPlaneCodes`); 7 collects bytes that are not classed.
        var masks: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        let high = self.high
        let continuation = self.continuation
        withUnsafeMutableBytes(of: &masks) { raw in
            guard let m = raw.baseAddress?.assumingMemoryBound(to: UInt64.self) else { return }
            @inline(__always) func add(_ scalar: UInt32, bits: UInt64) {
                let code = scalar < 0x10000 ? codes[Int(scalar)] : Self.code(ScalarClasses.unicode16.flags(scalar))
                m[Int(code)] |= bits
            }
            // A character that began before the window: the bytes of it that the window holds.
            let orphans = (~continuation).trailingZeroBitCount
            if orphans > 0 && orphans < 4 {
                var lead = w
                while lead > 0 && base[lead] & 0xC0 == 0x80 { lead -= 1 }
                add(UTF8Scalar.decode(base, at: lead).scalar, bits: (1 &<< UInt64(orphans)) &- 1)
            } else if orphans >= 4 {
                m[7] |= (1 &<< UInt64(min(orphans, 63))) &- 1
            }
            var leads = high & ~continuation
            while leads != 0 {
                let j = leads.trailingZeroBitCount
                leads &= leads &- 1
                let p = base + w + j
                let b0 = UInt32(p[0])
                let scalar: UInt32
                let length: Int
                if b0 < 0xE0 {
                    guard j < 63 else { m[7] |= UInt64.max &<< UInt64(j); break }
                    scalar = (b0 & 0x1F) &<< 6 | (UInt32(p[1]) & 0x3F)
                    length = 2
                } else if b0 < 0xF0 {
                    guard j < 62 else { m[7] |= UInt64.max &<< UInt64(j); break }
                    scalar = (b0 & 0x0F) &<< 12 | (UInt32(p[1]) & 0x3F) &<< 6 | (UInt32(p[2]) & 0x3F)
                    length = 3
                } else {
                    guard j < 61 else { m[7] |= UInt64.max &<< UInt64(j); break }
                    scalar = UTF8Scalar.decode(p, at: 0).scalar
                    length = 4
                }
                add(scalar, bits: ((1 &<< UInt64(length)) &- 1) &<< UInt64(j))
            }
        }
        lower |= masks.1
        upper |= masks.2
        caseless = masks.3
        mark = masks.4
        otherNumber = masks.5
        otherWhite = masks.6
        unknown = masks.7
    }

    /// Window bits near bytes whose rules these classes do not settle: white space outside ASCII
    /// (with the run of white space it is in and the four bytes after), a character that leaves
    /// the window (and the byte before it), and an apostrophe before a byte outside ASCII (`'ſ`
    /// is a contraction). With `marksJoinLetters` (o200k, whose letter classes hold marks):
    /// marks and the four bytes around them, numbers outside ASCII (counted in threes) to the end
    /// of their run and four bytes on, and an upper case letter after a letter of no case or a
    /// mark (where `U*` may take more than one case run).
    @inline(never)
    func doubtOutsideASCII(marksJoinLetters: Bool) -> UInt64 {
        // The rules look one byte ahead (the contraction check reads its bytes itself).
        var doubt = unknown | (unknown >> 1)
        if otherWhite != 0 {
            let white = space | otherSpace | lineBreak | otherWhite
            let run = WindowBits.spread(otherWhite, through: white) | WindowBits.spreadDown(otherWhite, through: white)
            doubt |= WindowBits.around(run, before: 1, after: 4)
        }
        let apostropheBeforeHigh = apostrophe & (high >> 1)
        if apostropheBeforeHigh != 0 { doubt |= WindowBits.around(apostropheBeforeHigh, before: 4, after: 4) }
        if marksJoinLetters {
            doubt |= WindowBits.around(mark, before: 4, after: 4)
            let numbers = WindowBits.spread(otherNumber, through: digit | otherNumber)
            doubt |= WindowBits.around(numbers, before: 0, after: 4)
            doubt |= upper & ((caseless | mark) << 1)
        }
        return doubt
    }
}
