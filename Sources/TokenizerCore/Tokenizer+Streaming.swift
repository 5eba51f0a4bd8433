import BytePairEncoding

extension Tokenizer {
    /// The number of ids of a text read in pieces, counted a part at a time so that memory follows
    /// the part size, not the text's: `read` appends the next UTF-8 bytes to the buffer it is given
    /// and returns false at the end. Parts end at line starts where `splitsAtLineStarts(under:)`
    /// allows (the same cuts as the multi-core `countTokens`), so the count is the one of the whole
    /// text; a text with no such line start is counted whole.
    /// - Parameters:
    ///   - lossy: read invalid UTF-8 as U+FFFD instead of failing.
    ///   - partBytes: the size from which a part is counted (its end is the last cut read so far).
    /// - Throws: `TokenizerError.invalidUTF8` with the offset in the whole text, or what `read` throws.
    public func countTokens(
        policy: SpecialTokenPolicy, threads: Int, lossy: Bool = false, partBytes: Int = 1 << 23,
        reading read: (inout [UInt8]) throws -> Bool
    ) throws -> Int {
        let cuts = splitsAtLineStarts(under: policy)
        var buffer: [UInt8] = []
        var offset = 0      // bytes of the text before buffer[0]
        var scanned = 1     // buffer[..<scanned] was searched for cuts
        var lastCut: Int?   // the last cut in buffer[..<scanned]
        var total = 0
        func count(_ part: ArraySlice<UInt8>) throws -> Int {
            if lossy { return try countTokens(String(decoding: part, as: UTF8.self), policy: policy, threads: threads) }
            guard let text = UTF8Decoding.validatedString(part) else {
                throw TokenizerError.invalidUTF8(offset: offset + (UTF8Decoding.firstInvalidOffset(Array(part)) ?? 0))
            }
            return try countTokens(text, policy: policy, threads: threads)
        }
        while try read(&buffer) {
            guard cuts else { continue }
            if scanned < buffer.count, let cut = lastLineStartCut(in: buffer, from: scanned) { lastCut = cut }
            scanned = max(scanned, buffer.count)
            if buffer.count >= partBytes, let cut = lastCut {
                total += try count(buffer[..<cut])
                offset += cut
                buffer.removeFirst(cut)
                scanned -= cut
                lastCut = nil
            }
        }
        return total + (try count(buffer[...]))
    }
}

/// The last index `i` ≥ `from` (and ≥ 1) of `bytes` where a line feed is followed by an ASCII
/// letter at `i`: a cut before `i` splits a text where both families' patterns start a new piece.
package func lastLineStartCut(in bytes: [UInt8], from: Int) -> Int? {
    var i = bytes.count - 1
    while i >= max(from, 1) {
        if isLineStartCut(bytes[i - 1], bytes[i]) { return i }
        i -= 1
    }
    return nil
}

/// Whether a text may be cut between `previous` and `next`: a line feed, then an ASCII letter.
@inline(__always)
package func isLineStartCut(_ previous: UInt8, _ next: UInt8) -> Bool {
    let letter = next | 0x20
    return previous == 0x0A && letter >= UInt8(ascii: "a") && letter <= UInt8(ascii: "z")
}
