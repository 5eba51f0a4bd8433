import CTokenizerSuiteByteClasses

/// The piece starts of a 64-byte window of text, found with bit operations on its byte classes
/// (`TSByteClasses`) instead of byte by byte.
///
/// Bit k stands for byte `w + k` of the window at `w`. Bits 0–3 and 60–63 are context: only
/// bits 4–59 are answered. A start bit is a fact about the bytes around it (the rules read at
/// most four bytes back and three ahead), true whatever piece came before, as long as it is not
/// `uncertain`: bytes outside ASCII, long digit runs and a few rarer shapes are left to the
/// one-pass scanner.
struct WindowStarts {
    var starts: UInt64
    var uncertain: UInt64
}

/// A pattern whose piece starts over ASCII are decided by bit rules on a window.
protocol WindowRules: OnePassScanner {
    /// The starts of the window at `w` (`w + 64` ≤ the text's length) with byte classes `c`.
    func starts(_ base: UnsafePointer<UInt8>, window w: Int, _ c: TSByteClasses) -> WindowStarts
}

/// Window bits that are answered: 4–59.
let answeredWindowBits: UInt64 = 0x0FFF_FFFF_FFFF_FFF0

extension WindowRules {
    /// Passes the pieces of `text`, in order, to `body` in batches of at most
    /// `pieceBatchCapacity`: 56 bytes at a time by window rules where they answer, piece by
    /// piece by `pieceEnd` where they do not.
    @inline(__always)
    func scanWindowBatches(_ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<Range<Int>>) -> Void) {
        guard let base = text.baseAddress else { return }
        withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: pieceBatchCapacity) { buffer in
            guard let batch = buffer.baseAddress else { return }
            scanWindowBatches(base, text.count, batch: batch, body)
        }
    }

    /// `scanWindowBatches(_:_:)` with its batch buffer (one copy of the loop, with the rules in
    /// it, whichever way the buffer was allocated).
    @inline(never)
    func scanWindowBatches(
        _ base: UnsafePointer<UInt8>, _ n: Int, batch: UnsafeMutablePointer<Range<Int>>,
        _ body: (UnsafeBufferPointer<Range<Int>>) -> Void
    ) {
        var cursor = ScalarCursor(base, n, .unicode16)
        var count = 0
        @inline(__always) func emit(_ start: Int, _ end: Int) {
            (batch + count).initialize(to: Range(uncheckedBounds: (start, end)))
            count &+= 1
            if count == pieceBatchCapacity {
                body(UnsafeBufferPointer(start: batch, count: count))
                count = 0
            }
        }
        var i = 0
        // The one-pass scanner runs until `i` reaches this.
        var scanUntil = 4
        // How far to scan past a window that answered little: doubled while windows keep
        // answering little (text mostly outside ASCII), reset by one that answers well.
        var extraScan = 32
        var classes = TSByteClasses()
        while i < n {
            if i >= scanUntil && i &+ 60 <= n {
                let w = i &- 4
                ts_classify_64(base + w, &classes)
                let window = starts(base, window: w, classes)
                // `i` is a start; answers stop at the first uncertain bit.
                let doubt = window.uncertain & answeredWindowBits & ~0x1F
                let cut = doubt == 0 ? 60 : doubt.trailingZeroBitCount
                let below: UInt64 = (1 &<< UInt64(cut)) &- 1
                guard window.starts & 0x10 != 0 else {
                    // The rules deny a start the scanner found: leave this window to it.
                    scanUntil = i &+ 56
                    continue
                }
                var rest = window.starts & below & ~0x1F
                var start = 4
                while rest != 0 {
                    let end = rest.trailingZeroBitCount
                    emit(w &+ start, w &+ end)
                    start = end
                    rest &= rest &- 1
                }
                i = w &+ start
                if cut == 60 { extraScan = 32 }
                if cut < 60 {
                    // Past the run of doubtful bits by scanning; a window that answered
                    // little (text outside ASCII) is followed by a longer scan.
                    let doubtEnd = cut &+ (~(doubt &>> UInt64(cut))).trailingZeroBitCount
                    scanUntil = w &+ doubtEnd
                    if start < 20 {
                        scanUntil &+= extraScan
                        extraScan = min(extraScan &* 2, 1024)
                    } else {
                        extraScan = 32
                    }
                } else if start == 4 {
                    scanUntil = i &+ 1   // a piece longer than the window
                }
                continue
            }
            let end = pieceEnd(&cursor, from: i)
            emit(i, end)
            i = end
        }
        if count > 0 { body(UnsafeBufferPointer(start: batch, count: count)) }
    }
}

/// Bit operations on window masks.
enum WindowBits {
    /// The bits of `run` reached from a bit of `seeds` (a subset of `run`) by going up through
    /// `run` without a gap: each seed spread to the end of its run, in six doubling steps.
    @inline(__always)
    static func spread(_ seeds: UInt64, through run: UInt64) -> UInt64 {
        var reached = seeds
        var span = run   // bits whose last 1, 2, 4, ... bits are all in `run`
        reached |= (reached << 1) & span; span &= span << 1
        reached |= (reached << 2) & span; span &= span << 2
        reached |= (reached << 4) & span; span &= span << 4
        reached |= (reached << 8) & span; span &= span << 8
        reached |= (reached << 16) & span; span &= span << 16
        reached |= (reached << 32) & span
        return reached
    }

    /// `spread`, going down: each seed spread to the start of its run.
    @inline(__always)
    static func spreadDown(_ seeds: UInt64, through run: UInt64) -> UInt64 {
        var reached = seeds
        var span = run
        reached |= (reached >> 1) & span; span &= span >> 1
        reached |= (reached >> 2) & span; span &= span >> 2
        reached |= (reached >> 4) & span; span &= span >> 4
        reached |= (reached >> 8) & span; span &= span >> 8
        reached |= (reached >> 16) & span; span &= span >> 16
        reached |= (reached >> 32) & span
        return reached
    }

    /// `bits` and the `before` bits below and `after` bits above each (at most 7).
    @inline(__always)
    static func around(_ bits: UInt64, before: Int, after: Int) -> UInt64 {
        var result = bits
        for k in 1...7 {
            if k <= after { result |= bits << UInt64(k) }
            if k <= before { result |= bits >> UInt64(k) }
        }
        return result
    }
}

/// Rules that the patterns' window rules share.
enum WindowRuleParts {
    /// The length of the contraction at the apostrophe `p[0]` (`'s`, `'t`, `'m`, `'d`, `'re`,
    /// `'ve`, `'ll` in any case: 2 or 3), or 0. Reads `p[1]` and `p[2]`.
    @inline(__always)
    static func contractionLength(_ p: UnsafePointer<UInt8>) -> Int {
        let b1 = p[1] | 0x20
        let b2 = p[2] | 0x20
        if b1 == 0x73 || b1 == 0x74 || b1 == 0x6D || b1 == 0x64 { return 2 }                           // s t m d
        if ((b1 == 0x72 || b1 == 0x76) && b2 == 0x65) || (b1 == 0x6C && b2 == 0x6C) { return 3 }    // re ve ll
        return 0
    }

    /// The contractions at `apostrophes` (bits of the window at `p`): the bytes inside them that
    /// start no piece (the apostrophe too, unless `apostropheStarts`), and the bytes after them.
    @inline(__always)
    static func contractions(at apostrophes: UInt64, _ p: UnsafePointer<UInt8>, apostropheStarts: Bool) -> (inner: UInt64, after: UInt64) {
        var inner: UInt64 = 0
        var after: UInt64 = 0
        var rest = apostrophes
        while rest != 0 {
            let j = rest.trailingZeroBitCount
            rest &= rest &- 1
            let length = contractionLength(p + j)
            if length > 0 {
                inner |= ((1 &<< UInt64(length)) &- (apostropheStarts ? 2 : 1)) &<< UInt64(j)
                after |= 1 &<< UInt64(j &+ length)
            }
        }
        return (inner, after)
    }

    /// The starts in white space of `\s*[\r\n]+|\s+(?!\S)|\s+`: the first white-space byte of a
    /// run (`tailBreaks`, line breaks that belong to the punctuation before them, are no part of
    /// one); the last of two or more spaces before a byte that is not white space; and the first
    /// space after the run's last line break. Adds to `uncertain` where a run leaves the window.
    @inline(__always)
    static func whiteSpaceStarts(_ c: WindowClasses, tailBreaks: UInt64, uncertain: inout UInt64) -> UInt64 {
        let horizontal = c.horizontal
        let white = c.white
        let runWhite = white & ~tailBreaks
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
            let end: UInt64 = 1 &<< UInt64(beyond.trailingZeroBitCount)
            if c.lineBreak & end != 0 { continue }
            if c.high & end != 0 { uncertain |= bit; continue }
            afterBreaks |= bit
        }
        return runStarts | lastBeforeNonWhite | afterBreaks
    }
}
