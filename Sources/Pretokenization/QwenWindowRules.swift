import CTokenizerSuiteByteClasses

/// Qwen's piece starts as bit rules (see `WindowStarts` and the o200k rules, which these follow
/// with four differences): letters do not split by case; every number starts a piece (`\p{N}`);
/// marks are punctuation (they are not `\p{L}`); punctuation's tail is line breaks only
/// (`[\r\n]*`); and a contraction is a piece of its own where an apostrophe starts a piece (the
/// alternative comes first), so the byte after it starts the next.
extension QwenScanner: WindowRules {
    @inline(__always)
    func starts(_ base: UnsafePointer<UInt8>, window w: Int, _ bytes: TSByteClasses) -> WindowStarts {
        let c = WindowClasses(bytes, base, window: w)
        let letter = c.letter
        let numbers = c.digit | c.otherNumber
        let punct = ~(letter | numbers | c.white | c.otherWhite | c.unknown)
        var uncertain = c.high == 0 ? 0 : c.doubtOutsideASCII(marksJoinLetters: false)

        let tail = WindowBits.spread(c.lineBreak & (punct << 1), through: c.lineBreak)
        let punctStarts = punct & ~(punct << 1) & ~(c.space << 1)

        // Contractions: an apostrophe that starts a piece, and one of the suffixes.
        let (inner, after) = WindowRuleParts.contractions(
            at: c.apostrophe & punctStarts & 0x0FFF_FFFF_FFFF_FFFF, base + w, apostropheStarts: true)
        if inner & 0x10 != 0 { uncertain |= 0x20 }

        // A prefix's last byte is before the letter's first: spread a character's start over it.
        let prefixes = (c.horizontal | c.characterWide(punctStarts)) & (letter >> 1)
        let letterStarts = letter & ~(letter << 1) & ~(prefixes << 1)
        let spaceBeforePunct = c.space & (punct >> 1)
        let whiteStarts = WindowRuleParts.whiteSpaceStarts(c, tailBreaks: tail, uncertain: &uncertain)

        let starts = ((letterStarts | prefixes | punctStarts | spaceBeforePunct | numbers | whiteStarts) & ~inner) | after
        return WindowStarts(starts: starts & ~c.continuation, uncertain: uncertain)
    }
}
