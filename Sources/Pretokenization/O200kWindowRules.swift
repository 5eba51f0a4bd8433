import CTokenizerSuiteByteClasses

/// o200k's piece starts as bit rules (see `WindowStarts`). With `x << 1` for "the byte before is
/// x" and `x >> 1` for "the byte after is x", a character starts a piece when it is
///
/// - a letter after no letter, unless the character before is its prefix; or an upper case
///   letter after a lower case one (`U*L+` and `U+L*` split there);
/// - a prefix: a space, tab, vertical tab or form feed before a letter, or punctuation before
///   a letter that starts its own piece (punctuation after punctuation or after a space belongs
///   to the piece before);
/// - punctuation after no punctuation and no space, or after a slash of a piece's tail;
///   a space before punctuation (` ?[^\s\p{L}\p{N}]+`);
/// - a digit after no digit (runs of four or more are left to the scanner);
/// - white space as `WindowRuleParts.whiteSpaceStarts` says; line breaks and slashes that trail
///   punctuation (`[\r\n/]*`) belong to its piece;
/// - the byte after a contraction (`'s`, `'T`, `'re`, ... after a letter), none of whose bytes
///   starts a piece.
///
/// Left to the scanner: marks (which join letters without being `\p{L}`) and numbers outside
/// ASCII (counted in threes), and an upper case letter after a letter of no case or a mark
/// (where `U*` may take more than one case run).
extension O200kScanner: WindowRules {
    @inline(__always)
    func starts(_ base: UnsafePointer<UInt8>, window w: Int, _ bytes: TSByteClasses) -> WindowStarts {
        let c = WindowClasses(bytes, base, window: w)
        let letter = c.letter
        let punct = ~(letter | c.digit | c.white | c.mark | c.otherNumber | c.otherWhite | c.unknown)
        var uncertain = c.high == 0 ? 0 : c.doubtOutsideASCII(marksJoinLetters: true)

        // Contractions: an apostrophe after a letter and one of the suffixes.
        let (inner, after) = WindowRuleParts.contractions(
            at: c.apostrophe & (letter << 1) & 0x0FFF_FFFF_FFFF_FFFE, base + w, apostropheStarts: false)
        // A contraction right after another, or over the window's first byte.
        uncertain |= inner & after
        if inner & 0x10 != 0 { uncertain |= 0x20 }

        // Punctuation's tail of line breaks and slashes, from the first line break after it.
        let tailBytes = c.lineBreak | c.slash
        let tail = WindowBits.spread(c.lineBreak & (punct << 1), through: tailBytes)
        let tailSlash = tail & c.slash

        let punctStarts = ((punct & ~(punct << 1) & ~(c.space << 1)) | (punct & (tailSlash << 1))) & ~tail
        // A prefix's last byte is before the letter's first: spread a character's start over it.
        let prefixes = (c.horizontal | c.characterWide(punctStarts)) & (letter >> 1) & ~inner
        let letterStarts = (letter & ~(letter << 1) & ~(prefixes << 1)) | (c.upper & (c.lower << 1))
        let spaceBeforePunct = c.space & (punct >> 1)
        let digitStarts = c.digit & ~(c.digit << 1)
        uncertain |= c.digit & (c.digit << 1) & (c.digit << 2) & (c.digit << 3)
        let whiteStarts = WindowRuleParts.whiteSpaceStarts(c, tailBreaks: tail & c.lineBreak, uncertain: &uncertain)

        let starts = ((letterStarts | prefixes | punctStarts | spaceBeforePunct | digitStarts | whiteStarts) & ~inner) | after
        return WindowStarts(starts: starts & ~c.continuation, uncertain: uncertain)
    }
}
