import BytePairEncoding

extension Tokenizer {
    /// Reads a text in pieces and hands `body` its parts, in order, so that memory follows the part
    /// size, not the text's: `read` appends the next UTF-8 bytes to the buffer it is given and
    /// returns false at the end. Parts end at line starts where `splitsAtLineStarts(under:)`
    /// allows (the same cuts as the multi-core `encode`), so encoding the parts one by one gives the
    /// ids of the whole text; a text with no such line start is one part.
    /// - Parameters:
    ///   - lossy: read invalid UTF-8 as U+FFFD instead of failing.
    ///   - partBytes: the size from which a part is handed on (its end is the last cut read so far).
    /// - Throws: `TokenizerError.invalidUTF8` with the offset in the whole text (after the parts
    ///   before it were handed on), or what `read` or `body` throws.
    public func forEachPart(
        policy: SpecialTokenPolicy, lossy: Bool = false, partBytes: Int = 1 << 23,
        reading read: (inout [UInt8]) throws -> Bool, _ body: (String) throws -> Void
    ) throws {
        let cuts = splitsAtLineStarts(under: policy)
        var buffer: [UInt8] = []
        var offset = 0      // bytes of the text before buffer[0]
        var scanned = 1     // buffer[..<scanned] was searched for cuts
        var lastCut: Int?   // the last cut in buffer[..<scanned]
        func handOn(_ part: ArraySlice<UInt8>) throws {
            if lossy { return try body(String(decoding: part, as: UTF8.self)) }
            guard let text = UTF8Decoding.validatedString(part) else {
                throw TokenizerError.invalidUTF8(offset: offset + (UTF8Decoding.firstInvalidOffset(Array(part)) ?? 0))
            }
            try body(text)
        }
        while try read(&buffer) {
            guard cuts else { continue }
            if scanned < buffer.count, let cut = lastLineStartCut(in: buffer, from: scanned) { lastCut = cut }
            scanned = max(scanned, buffer.count)
            if buffer.count >= partBytes, let cut = lastCut {
                try handOn(buffer[..<cut])
                offset += cut
                buffer.removeFirst(cut)
                scanned -= cut
                lastCut = nil
            }
        }
        try handOn(buffer[...])
    }

    /// The number of ids of a text read in pieces (see `forEachPart`), counted part by part on up
    /// to `threads` threads: the count of the whole text.
    public func countTokens(
        policy: SpecialTokenPolicy, threads: Int, lossy: Bool = false, partBytes: Int = 1 << 23,
        reading read: (inout [UInt8]) throws -> Bool
    ) throws -> Int {
        var total = 0
        try forEachPart(policy: policy, lossy: lossy, partBytes: partBytes, reading: read) {
            total += try countTokens($0, policy: policy, threads: threads)
        }
        return total
    }

    /// The ids of a text read in pieces (see `forEachPart`), encoded part by part on up to
    /// `threads` threads and handed to `emit` in order: together, the ids of the whole text.
    public func encode(
        policy: SpecialTokenPolicy, threads: Int, lossy: Bool = false, partBytes: Int = 1 << 23,
        reading read: (inout [UInt8]) throws -> Bool, emit: ([TokenID]) throws -> Void
    ) throws {
        try forEachPart(policy: policy, lossy: lossy, partBytes: partBytes, reading: read) {
            try emit(try encode($0, policy: policy, threads: threads))
        }
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
