import CTokenizerSuiteByteClasses

/// o200k's piece starts over ASCII as bit rules (see `WindowStarts`). With `x << 1` for "the
/// byte before is x" and `x >> 1` for "the byte after is x", a byte starts a piece when it is
///
/// - a letter after no letter, unless the byte before is its prefix; or an upper case letter
///   after a lower case one (`U*L+` and `U+L*` split there);
/// - a prefix: a space, tab, vertical tab or form feed before a letter, or punctuation before
///   a letter that starts its own piece (punctuation after punctuation or after a space belongs
///   to the piece before);
/// - punctuation after no punctuation and no space, or after a slash of a piece's tail;
///   a space before punctuation (` ?[^\s\p{L}\p{N}]+`);
/// - a digit after no digit (runs of four or more are left to the scanner);
/// - white space that starts a run (line breaks that trail punctuation, `[\r\n/]*`, belong to
///   its piece); the last of two or more spaces before a byte that is not white space
///   (`\s+(?!\S)`); the first space after the run's last line break (`\s*[\r\n]+`);
/// - the byte after a contraction (`'s`, `'T`, `'re`, ... after a letter), none of whose bytes
///   starts a piece.
///
/// Bytes outside ASCII and the bytes near them are uncertain, and so is whatever depends on
/// them from further away (a tail of line breaks after non-ASCII punctuation).
extension O200kScanner: WindowRules {
    @inline(__always)
    func starts(_ base: UnsafePointer<UInt8>, window w: Int, _ c: TSByteClasses) -> WindowStarts {
        let letter = c.lower | c.upper
        let horizontal = c.space | c.otherSpace
        let white = horizontal | c.lineBreak
        let punct = ~(letter | c.digit | white | c.high)
        var uncertain: UInt64 = 0

        // Contractions: an apostrophe after a letter and one of the suffixes.
        var inner: UInt64 = 0
        var after: UInt64 = 0
        var apostrophes = c.apostrophe & (letter << 1) & 0x0FFF_FFFF_FFFF_FFFE
        while apostrophes != 0 {
            let j = apostrophes.trailingZeroBitCount
            apostrophes &= apostrophes &- 1
            let b1 = base[w &+ j &+ 1] | 0x20
            let b2 = base[w &+ j &+ 2] | 0x20
            var length = 0
            if b1 == 0x73 || b1 == 0x74 || b1 == 0x6D || b1 == 0x64 {          // s t m d
                length = 2
            } else if ((b1 == 0x72 || b1 == 0x76) && b2 == 0x65) || (b1 == 0x6C && b2 == 0x6C) {  // re ve ll
                length = 3
            }
            if length > 0 {
                inner |= ((1 &<< UInt64(length)) &- 1) &<< UInt64(j)
                after |= 1 &<< UInt64(j &+ length)
            }
        }
        // A contraction right after another, or over the window's first byte.
        uncertain |= inner & after
        if inner & 0x10 != 0 { uncertain |= 0x20 }

        // Punctuation's tail of line breaks and slashes, from the first line break after it.
        let tailBytes = c.lineBreak | c.slash
        let tail = WindowBits.spread(c.lineBreak & (punct << 1), through: tailBytes)
        let tailSlash = tail & c.slash

        let punctStarts = ((punct & ~(punct << 1) & ~(c.space << 1)) | (punct & (tailSlash << 1))) & ~tail
        let prefixes = (horizontal | punctStarts) & (letter >> 1) & ~inner
        let letterStarts = (letter & ~(letter << 1) & ~(prefixes << 1)) | (c.upper & (c.lower << 1))
        let spaceBeforePunct = c.space & (punct >> 1)
        let digitStarts = c.digit & ~(c.digit << 1)
        uncertain |= c.digit & (c.digit << 1) & (c.digit << 2) & (c.digit << 3)

        let runWhite = white & ~(tail & c.lineBreak)
        let runStarts = runWhite & ~(runWhite << 1)
        let lastBeforeNonWhite = horizontal & (horizontal << 1) & ~(white >> 1)
        // The first space after a line break starts a piece if no later line break is in its run.
        var afterBreaks: UInt64 = 0
        var seeds = horizontal & ((c.lineBreak & runWhite) << 1) & 0x0FFF_FFFF_FFFF_FFFF
        while seeds != 0 {
            let j = seeds.trailingZeroBitCount
            seeds &= seeds &- 1
            let beyond = ~horizontal & (UInt64.max &<< UInt64(j))
            let bit: UInt64 = 1 &<< UInt64(j)
            guard beyond != 0 else { uncertain |= bit; continue }
            let e: UInt64 = 1 &<< UInt64(beyond.trailingZeroBitCount)
            if c.lineBreak & e != 0 { continue }
            if c.high & e != 0 { uncertain |= bit; continue }
            afterBreaks |= bit
        }

        // Bytes outside ASCII, the rules' reach around them, and tails that follow them.
        let high = c.high
        uncertain |= high | (high << 1) | (high << 2) | (high << 3) | (high << 4) | (high >> 1) | (high >> 2) | (high >> 3)
        let highTail = tailBytes & ~(tailBytes &+ (tailBytes & (high << 1)))
        uncertain |= highTail | (highTail << 1)

        let starts = ((letterStarts | prefixes | punctStarts | spaceBeforePunct | digitStarts | runStarts
            | lastBeforeNonWhite | afterBreaks) & ~inner) | after
        return WindowStarts(starts: starts, uncertain: uncertain)
    }
}
