import BytePairEncoding
import Pretokenization
import TokenizerCore

extension TiktokenEncoding {
    /// The tokens of `text` with special-token texts treated as ordinary text (tiktoken's
    /// `encode_ordinary`).
    /// - Complexity: O(n) for the shipped patterns.
    public func encodeOrdinary(_ text: String) throws -> [TokenID] {
        try encode(text, policy: .untrusted)
    }

    /// The tokens of `text`, tiktoken's `encode`: special-token texts in `allowedSpecial` become
    /// their ids; any in `disallowedSpecial` is an error naming it; others are ordinary text.
    /// `.all` as `disallowedSpecial` means every special not allowed (tiktoken's default).
    public func encode(
        _ text: String, allowedSpecial: SpecialTokenSelection = .none, disallowedSpecial: SpecialTokenSelection = .all
    ) throws -> [TokenID] {
        try encode(text, policy: SpecialTokenPolicy(allowedSpecial: allowedSpecial, disallowedSpecial: disallowedSpecial))
    }

    /// The ids of `text` under `policy`.
    public func encode(_ text: String, policy: SpecialTokenPolicy) throws -> [TokenID] {
        try withUTF8(text) { try encode(validUTF8: $0, policy: policy) }
    }

    /// The ids of `text` under `policy`, with the byte offset in `text.utf8` where each starts.
    public func encodeWithOffsets(_ text: String, policy: SpecialTokenPolicy) throws -> (ids: [TokenID], byteOffsets: [Int]) {
        var ids: [TokenID] = []
        var offsets: [Int] = []
        try withUTF8(text) { bytes in
            try encode(bytes, policy: policy) { id, offset in
                ids.append(id)
                offsets.append(offset)
            }
        }
        return (ids, offsets)
    }

    /// The number of tokens `encode(text, policy:)` returns, without storing them.
    public func countTokens(_ text: String, policy: SpecialTokenPolicy) throws -> Int {
        try withUTF8(text) { try countTokens(validUTF8: $0, policy: policy) }
    }

    /// The id of `text` when it is exactly one token, ordinary or special (tiktoken's
    /// `encode_single_token`).
    /// - Throws: `TokenizerError.notASingleToken`.
    public func encodeSingleToken(_ text: String) throws -> TokenID {
        guard let id = id(forToken: text) else { throw TokenizerError.notASingleToken(text) }
        return id
    }

    /// Calls `emit(id, byteOffset)` for each token of the UTF-8 `bytes` under `policy`.
    /// - Throws: `TokenizerError.disallowedSpecialToken` before emitting anything.
    public func encode(
        _ bytes: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy, emit: (TokenID, Int) -> Void
    ) throws {
        try forEachSegment(bytes, policy: policy, special: emit) { segment, segmentStart, merger in
            try encodeSegment(segment, merger: &merger) { id, offset in emit(id, segmentStart + offset) }
        }
    }

    /// The ids of the UTF-8 `bytes` under `policy`, passed to `emit` in order a batch at a time
    /// (each batch valid only during its call): `encode(_:policy:emit:)` without offsets, on the
    /// scanners' batch path.
    /// - Throws: `TokenizerError.disallowedSpecialToken` before emitting anything.
    package func encodeIDBatches(
        _ bytes: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy, emit: (UnsafeBufferPointer<TokenID>) -> Void
    ) throws {
        try forEachSegment(bytes, policy: policy, special: { id, _ in
            withUnsafePointer(to: id) { emit(UnsafeBufferPointer(start: $0, count: 1)) }
        }) { segment, _, merger in
            guard let base = segment.baseAddress, !segment.isEmpty else { return }
            do {
                try splitter.forEachPieceBatch(in: segment) { pieces in emit(merger.tokens(ofPieces: pieces, in: base)) }
            } catch let error as RegexError {
                throw TokenizerError.pattern(error)
            }
        }
    }

    /// Cuts `bytes` at the special tokens `policy` allows: `segment(text, start, merger)` for each
    /// text between them (with one merger for the whole call), `special(id, start)` for each.
    /// - Throws: `TokenizerError.disallowedSpecialToken` before calling either.
    @inline(__always)
    private func forEachSegment(
        _ bytes: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy, special: (TokenID, Int) -> Void,
        segment: (UnsafeBufferPointer<UInt8>, Int, inout BytePairMerger) throws -> Void
    ) throws {
        let filter = SpecialTokenFilter(policy: policy, specialTokens: specialTokens)
        if let disallowed = filter.disallowed,
           let hit = specialTokens.firstMatch(in: bytes, from: 0, where: disallowed.contains) {
            throw TokenizerError.disallowedSpecialToken(specialTokens.entries[hit.entry].text)
        }
        var merger = BytePairMerger(ranks: ranks, cache: pieceCache)
        guard let allowed = filter.allowed else {
            try segment(bytes, 0, &merger)
            return
        }
        var start = 0
        while true {
            let match = specialTokens.firstMatch(in: bytes, from: start, where: allowed.contains)
            let end = match?.start ?? bytes.count
            try segment(UnsafeBufferPointer(rebasing: bytes[start..<end]), start, &merger)
            guard let match else { break }
            special(specialTokens.entries[match.entry].id, match.start)
            start = match.end
        }
    }

    /// Pre-tokenizes one special-free segment and byte-pair encodes each piece.
    @inline(__always)
    func encodeSegment(
        _ bytes: UnsafeBufferPointer<UInt8>, merger: inout BytePairMerger, emit: (TokenID, Int) -> Void
    ) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let table = ranks.table   // no reference counting per piece; `self` keeps the ranks alive
        do {
            try splitter.forEachPiece(in: bytes) { start, end in
                let piece = UnsafeBufferPointer(start: base + start, count: end - start)
                var offset = start
                merger.merge(piece) { id in
                    emit(id, offset)
                    offset += table.byteCount(of: id)
                }
            }
        } catch let error as RegexError {
            throw TokenizerError.pattern(error)
        }
    }
}

extension TiktokenEncoding: ValidUTF8Encoding {
    package func encode(validUTF8 text: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy) throws -> [TokenID] {
        var ids: [TokenID] = []
        ids.reserveCapacity(text.count / 3 + 1)
        try encodeIDBatches(text, policy: policy) { ids.append(contentsOf: $0) }
        return ids
    }

    package func countTokens(validUTF8 text: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy) throws -> Int {
        var count = 0
        try encodeIDBatches(text, policy: policy) { count += $0.count }
        return count
    }
}
