import BytePairEncoding

extension Tokenizer {
    /// Reads a text in pieces and hands `body` its parts, in order, so that memory follows the part
    /// size, not the text's: `read` appends the next UTF-8 bytes to the buffer it is given and
    /// returns false at the end. Parts end at line starts where `splitsAtLineStarts(under:)`
    /// allows (the same cuts as the multi-core `encode`), so encoding the parts one by one gives the
    /// ids of the whole text; a text with no such line start is one part.
    /// - Parameters:
    ///   - lossy: read invalid UTF-8 as U+FFFD instead of failing.
    ///   - partBytes: the size from which a part is handed on (its end is the last cut read so far);
    ///     the first part is handed on from 1 MB and the size doubles up to `partBytes`, so that
    ///     work on it starts early.
    /// - Throws: `TokenizerError.invalidUTF8` with the offset in the whole text (after the parts
    ///   before it were handed on), or what `read` or `body` throws.
    public func forEachPart(
        policy: SpecialTokenPolicy, lossy: Bool = false, partBytes: Int = 1 << 23,
        reading read: (inout [UInt8]) throws -> Bool, _ body: (String) throws -> Void
    ) throws {
        try forEachValidPart(policy: policy, lossy: lossy, partBytes: partBytes, reading: read) { part in
            try body(String(decoding: part, as: UTF8.self))
        }
    }

    /// `forEachPart` with each part as its bytes, valid UTF-8 (repaired when `lossy`).
    package func forEachValidPart(
        policy: SpecialTokenPolicy, lossy: Bool, partBytes: Int,
        reading read: (inout [UInt8]) throws -> Bool, _ body: ([UInt8]) throws -> Void
    ) throws {
        let cuts = splitsAtLineStarts(under: policy)
        var buffer: [UInt8] = []
        var offset = 0      // bytes of the text before buffer[0]
        var scanned = 1     // buffer[..<scanned] was searched for cuts
        var lastCut: Int?   // the last cut in buffer[..<scanned]
        var threshold = min(partBytes, 1 << 20)
        func handOn(_ part: ArraySlice<UInt8>) throws {
            let bytes = Array(part)
            if let invalid = UTF8Decoding.firstInvalidOffset(bytes) {
                guard lossy else { throw TokenizerError.invalidUTF8(offset: offset + invalid) }
                return try body(Array(String(decoding: bytes, as: UTF8.self).utf8))
            }
            try body(bytes)
        }
        while try read(&buffer) {
            guard cuts else { continue }
            if scanned < buffer.count, let cut = lastLineStartCut(in: buffer, from: scanned) { lastCut = cut }
            scanned = max(scanned, buffer.count)
            if buffer.count >= threshold, let cut = lastCut {
                threshold = min(partBytes, threshold * 2)
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
    /// to `threads` threads while the next part is read: the count of the whole text.
    public func countTokens(
        policy: SpecialTokenPolicy, threads: Int, lossy: Bool = false, partBytes: Int = 1 << 23,
        reading read: (inout [UInt8]) throws -> Bool
    ) throws -> Int {
        var total = 0
        try pipelineParts(
            policy: policy, threads: threads, lossy: lossy, partBytes: partBytes, reading: read,
            work: { [self] part in
                try part.withUnsafeBufferPointer { try countTokens(validUTF8: $0, policy: policy, threads: threads) }
            },
            finish: { total += $0 })
        return total
    }

    /// The ids of a text read in pieces (see `forEachPart`), encoded part by part on up to
    /// `threads` threads while the next part is read, and handed to `emit` in order: together, the
    /// ids of the whole text. When reading fails, the ids of every part before the failure are
    /// emitted first.
    public func encode(
        policy: SpecialTokenPolicy, threads: Int, lossy: Bool = false, partBytes: Int = 1 << 23,
        reading read: (inout [UInt8]) throws -> Bool, emit: ([TokenID]) throws -> Void
    ) throws {
        try pipelineParts(
            policy: policy, threads: threads, lossy: lossy, partBytes: partBytes, reading: read,
            work: { [self] part in
                try part.withUnsafeBufferPointer { try encode(validUTF8: $0, policy: policy, threads: threads) }
            },
            finish: emit)
    }

    /// `work` of each part of `forEachValidPart`, run on other threads while this one reads and
    /// checks the next part (one part in work at a time, on one thread: on more when `work`
    /// spreads it), and `finish` of the results in order on this thread, each while the next part
    /// is in work. With `threads` 1, all of it runs here.
    private func pipelineParts<Output: Sendable>(
        policy: SpecialTokenPolicy, threads: Int, lossy: Bool, partBytes: Int,
        reading read: (inout [UInt8]) throws -> Bool,
        work: @escaping @Sendable ([UInt8]) throws -> Output, finish: (Output) throws -> Void
    ) throws {
        guard threads > 1 else {
            return try forEachValidPart(policy: policy, lossy: lossy, partBytes: partBytes, reading: read) { try finish(work($0)) }
        }
        var pending: BackgroundWork<Output>?
        func settle() throws {
            guard let job = pending else { return }
            pending = nil
            try finish(job.wait())
        }
        do {
            try forEachValidPart(policy: policy, lossy: lossy, partBytes: partBytes, reading: read) { part in
                let previous = pending
                pending = BackgroundWork { try work(part) }
                do {
                    if let previous { try finish(previous.wait()) }
                } catch {
                    pending = nil  // nothing after a failed part is finished
                    throw error
                }
            }
        } catch {
            try settle()  // what came before the failure is finished first
            throw error
        }
        try settle()
    }
}

/// The last index `i` ≥ `from` (and ≥ 1) of `bytes` that `isLineStartCut(_:at:)` accepts.
package func lastLineStartCut(in bytes: [UInt8], from: Int) -> Int? {
    var i = bytes.count - 1
    while i >= max(from, 1) {
        if isLineStartCut(bytes, at: i) { return i }
        i -= 1
    }
    return nil
}

/// Whether a text may be cut before `bytes[i]`: a line feed ends the text before it, and the
/// character at `i` starts a new piece in the o200k, cl100k and Qwen patterns whatever came
/// before. Those patterns carry a line feed into the next piece only when white space, a line
/// break or (o200k, after punctuation) `/` follows it, so the character must be none of those. A
/// character is judged by its first bytes: white space outside ASCII (U+0085, U+00A0, U+1680,
/// U+180E, U+2000–U+200B, U+2028, U+2029, U+202F, U+205F, U+2060, U+3000, U+FEFF) is refused, with
/// the rest of U+0080–U+00BF and of U+2000–U+207F, invalid or unfinished UTF-8 (a later cut will do).
@inline(__always)
package func isLineStartCut<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at i: Bytes.Index) -> Bool
where Bytes.Index == Int {
    guard i > bytes.startIndex, i < bytes.endIndex, bytes[i - 1] == 0x0A else { return false }
    let lead = bytes[i]
    if lead < 0x80 { return lead > 0x20 && lead < 0x7F && lead != UInt8(ascii: "/") }
    switch lead {
    case 0xC3...0xE0, 0xE4...0xEE, 0xF0...0xF4:
        return true  // U+00C0–U+0FFF, U+4000–U+EFFF, U+10000 and up: no white space there
    case 0xE1, 0xE2, 0xE3, 0xEF:
        guard i + 2 < bytes.endIndex else { return false }
        let second = bytes[i + 1], third = bytes[i + 2]
        guard second & 0xC0 == 0x80, third & 0xC0 == 0x80 else { return false }
        let scalar = UInt32(lead & 0x0F) << 12 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F)
        switch scalar {
        case 0x1680, 0x180E, 0x2000...0x207F, 0x3000, 0xFEFF: return false
        default: return true
        }
    default:
        return false  // U+0080–U+00BF (C1 controls, NEL, no-break space), or not a lead byte
    }
}
