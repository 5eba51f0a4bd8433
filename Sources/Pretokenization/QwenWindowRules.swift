import CTokenizerSuiteByteClasses

/// Qwen's piece starts over ASCII as bit rules (see `WindowStarts` and the o200k rules, which
/// these follow with three differences): letters do not split by case; every digit starts a
/// piece (`\p{N}`); punctuation's tail is line breaks only (`[\r\n]*`); and a contraction is a
/// piece of its own where an apostrophe starts a piece (the alternative comes first), so the
/// byte after it starts the next.
extension QwenScanner: WindowRules {
    @inline(__always)
    func starts(_ base: UnsafePointer<UInt8>, window w: Int, _ c: TSByteClasses) -> WindowStarts {
        let letter = c.lower | c.upper
        let horizontal = c.space | c.otherSpace
        let white = horizontal | c.lineBreak
        let punct = ~(letter | c.digit | white | c.high)
        var uncertain: UInt64 = 0

        let tail = WindowBits.spread(c.lineBreak & (punct << 1), through: c.lineBreak)
        let punctStarts = punct & ~(punct << 1) & ~(c.space << 1)

        // Contractions: an apostrophe that starts a piece, and one of the suffixes.
        var after: UInt64 = 0
        var inner: UInt64 = 0
        var apostrophes = c.apostrophe & punctStarts & 0x0FFF_FFFF_FFFF_FFFF
        while apostrophes != 0 {
            let j = apostrophes.trailingZeroBitCount
            apostrophes &= apostrophes &- 1
            let length = WindowRuleParts.contractionLength(base + w + j)
            if length > 0 {
                inner |= ((1 &<< UInt64(length)) &- 2) &<< UInt64(j)
                after |= 1 &<< UInt64(j &+ length)
            }
        }
        if inner & 0x10 != 0 { uncertain |= 0x20 }

        let prefixes = (horizontal | punctStarts) & (letter >> 1)
        let letterStarts = letter & ~(letter << 1) & ~(prefixes << 1)
        let spaceBeforePunct = c.space & (punct >> 1)
        let whiteStarts = WindowRuleParts.whiteSpaceStarts(c, tailBreaks: tail, uncertain: &uncertain)
        uncertain |= WindowRuleParts.nearHighBytes(c.high, tailBytes: c.lineBreak)

        let starts = ((letterStarts | prefixes | punctStarts | spaceBeforePunct | c.digit | whiteStarts) & ~inner) | after
        return WindowStarts(starts: starts, uncertain: uncertain)
    }
}
