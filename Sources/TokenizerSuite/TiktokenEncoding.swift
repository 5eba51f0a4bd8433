import BytePairEncoding
import Pretokenization

/// A byte-level BPE encoding in tiktoken's model: mergeable ranks, a pre-tokenization pattern and
/// special tokens. Gives exactly tiktoken's ids. Immutable and safe to share across threads.
public struct TiktokenEncoding: Sendable {
    /// The encoding's name (e.g. "o200k_harmony").
    public let name: String
    /// The pre-tokenization pattern, as published.
    public let pattern: String
    /// The mergeable ranks (ordinary tokens).
    public let ranks: MergeableRanks
    /// The special tokens.
    public let specialTokens: SpecialTokens
    let splitter: any PieceSplitter

    /// Builds an encoding.
    /// - Throws: `TokenizerError.pattern` when the pattern cannot be compiled exactly;
    ///   `.malformedVocabulary` when a single byte is not a token (byte-level BPE needs all 256).
    public init(name: String, pattern: String, ranks: MergeableRanks, specialTokens: SpecialTokens) throws {
        for byte in 0...255 where ranks.rank(of: [UInt8(byte)]) == nil {
            throw TokenizerError.malformedVocabulary(
                source: name, line: nil, reason: "byte 0x\(String(byte, radix: 16)) is not a token; byte-level BPE needs all 256")
        }
        self.name = name
        self.pattern = pattern
        self.ranks = ranks
        self.specialTokens = specialTokens
        do {
            splitter = try RegexSplitter.best(for: pattern)
        } catch {
            throw TokenizerError.pattern("\(error)")
        }
    }

    /// One more than the largest token id, specials included (tiktoken's `n_vocab`).
    public var vocabularySize: Int {
        max(ranks.rankLimit, (specialTokens.entries.map { Int($0.id) }.max() ?? -1) + 1)
    }

    /// The set of special token texts.
    public var specialTokenTexts: Set<String> { Set(specialTokens.entries.map(\.text)) }
}

// MARK: - Encoding

extension TiktokenEncoding {
    /// The tokens of `text` with special-token texts treated as ordinary text.
    /// - Complexity: O(n) for the shipped patterns.
    public func encodeOrdinary(_ text: String) throws -> [TokenID] {
        var ids: [TokenID] = []
        try withUTF8(text) { bytes in
            ids.reserveCapacity(bytes.count / 3 + 1)
            var merger = BytePairMerger(ranks: ranks)
            try encodeSegment(bytes, merger: &merger) { id, _ in ids.append(id) }
        }
        return ids
    }

    /// The tokens of `text`, tiktoken's `encode`: special-token texts in `allowedSpecial` become
    /// their ids; any in `disallowedSpecial` is an error naming it; others are ordinary text.
    /// `.all` as `disallowedSpecial` means every special not allowed (tiktoken's default).
    public func encode(
        _ text: String,
        allowedSpecial: SpecialTokenSelection = .none,
        disallowedSpecial: SpecialTokenSelection = .all
    ) throws -> [TokenID] {
        var ids: [TokenID] = []
        try encode(text, allowedSpecial: allowedSpecial, disallowedSpecial: disallowedSpecial) { id, _ in ids.append(id) }
        return ids
    }

    /// The tokens of `text` with the byte offset where each starts in `text.utf8`.
    public func encodeWithOffsets(
        _ text: String,
        allowedSpecial: SpecialTokenSelection = .none,
        disallowedSpecial: SpecialTokenSelection = .all
    ) throws -> (ids: [TokenID], byteOffsets: [Int]) {
        var ids: [TokenID] = []
        var offsets: [Int] = []
        try encode(text, allowedSpecial: allowedSpecial, disallowedSpecial: disallowedSpecial) { id, offset in
            ids.append(id)
            offsets.append(offset)
        }
        return (ids, offsets)
    }

    /// The number of tokens `encode` would return, without storing them.
    public func countTokens(
        _ text: String,
        allowedSpecial: SpecialTokenSelection = .none,
        disallowedSpecial: SpecialTokenSelection = .all
    ) throws -> Int {
        var count = 0
        try encode(text, allowedSpecial: allowedSpecial, disallowedSpecial: disallowedSpecial) { _, _ in count += 1 }
        return count
    }

    /// The id of `text` when it is exactly one token (ordinary or special).
    /// - Throws: `TokenizerError.notASingleToken`.
    public func encodeSingleToken(_ text: String) throws -> TokenID {
        if let id = ranks.rank(of: Array(text.utf8)) { return id }
        if let id = specialTokens.id(of: text) { return id }
        throw TokenizerError.notASingleToken(text)
    }

    /// Calls `emit(id, byteOffset)` for each token of `text` (see `encode`).
    public func encode(
        _ text: String,
        allowedSpecial: SpecialTokenSelection,
        disallowedSpecial: SpecialTokenSelection,
        emit: (TokenID, Int) -> Void
    ) throws {
        let allowed = resolve(allowedSpecial)
        let disallowed: Set<Int>
        if case .all = disallowedSpecial {
            disallowed = Set(specialTokens.entries.indices).subtracting(allowed)
        } else {
            disallowed = resolve(disallowedSpecial)
        }
        try withUTF8(text) { bytes in
            if !disallowed.isEmpty,
               let hit = specialTokens.firstMatch(in: bytes, from: 0, where: { disallowed.contains($0) }) {
                throw TokenizerError.disallowedSpecialToken(specialTokens.entries[hit.entry].text)
            }
            var merger = BytePairMerger(ranks: ranks)
            var start = 0
            while true {
                let special = allowed.isEmpty ? nil
                    : specialTokens.firstMatch(in: bytes, from: start, where: { allowed.contains($0) })
                let end = special?.start ?? bytes.count
                let segmentStart = start
                try encodeSegment(UnsafeBufferPointer(rebasing: bytes[start..<end]), merger: &merger) { id, offset in
                    emit(id, segmentStart + offset)
                }
                guard let special else { break }
                emit(specialTokens.entries[special.entry].id, special.start)
                start = special.end
            }
        }
    }

    private func resolve(_ selection: SpecialTokenSelection) -> Set<Int> {
        switch selection {
        case .all: return Set(specialTokens.entries.indices)
        case .none: return []
        case let .only(texts):
            return Set(specialTokens.entries.indices.filter { texts.contains(specialTokens.entries[$0].text) })
        }
    }

    /// Pre-tokenizes one special-free segment and byte-pair encodes each piece.
    @inline(__always)
    func encodeSegment(
        _ bytes: UnsafeBufferPointer<UInt8>, merger: inout BytePairMerger, emit: (TokenID, Int) -> Void
    ) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let ranks = self.ranks
        do {
            try splitter.forEachPiece(in: bytes) { start, end in
                let piece = UnsafeBufferPointer(start: base + start, count: end - start)
                if let whole = ranks.rank(of: piece) {
                    emit(whole, start)
                    return
                }
                var offset = start
                merger.merge(piece) { id in
                    emit(id, offset)
                    offset += ranks.byteCount(of: id)
                }
            }
        } catch let error as RegexError {
            throw TokenizerError.pattern(error.description)
        }
    }
}

/// Runs `body` over the UTF-8 bytes of `text` without copying when the string is native.
@inline(__always)
func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    var text = text
    return try text.withUTF8(body)
}

// MARK: - Decoding

extension TiktokenEncoding {
    /// The bytes of `ids` concatenated; special tokens decode to their text.
    /// - Throws: `TokenizerError.unknownTokenID` naming the first unknown id.
    public func decodeBytes<S: Sequence>(_ ids: S) throws -> [UInt8] where S.Element == TokenID {
        var out: [UInt8] = []
        for id in ids {
            if ranks.appendBytes(of: id, to: &out) { continue }
            guard let text = specialTokens.text(of: id) else { throw TokenizerError.unknownTokenID(id) }
            out.append(contentsOf: text.utf8)
        }
        return out
    }

    /// The text of `ids`. Strict: invalid UTF-8 is an error naming the byte offset.
    public func decode<S: Sequence>(_ ids: S) throws -> String where S.Element == TokenID {
        let bytes = try decodeBytes(ids)
        if let text = UTF8Decoding.strict(bytes) { return text }
        throw TokenizerError.invalidUTF8(offset: UTF8Decoding.firstInvalidOffset(bytes) ?? 0)
    }

    /// The text of `ids`, with invalid UTF-8 replaced by U+FFFD as Python's `errors="replace"`.
    public func decodeLossy<S: Sequence>(_ ids: S) throws -> String where S.Element == TokenID {
        UTF8Decoding.lossy(try decodeBytes(ids))
    }

    /// The bytes of one token.
    public func decodeSingleTokenBytes(_ id: TokenID) throws -> [UInt8] {
        try decodeBytes(CollectionOfOne(id))
    }

    /// The bytes of one token, or nil when the id is unknown.
    public func tokenBytes(_ id: TokenID) -> ArraySlice<UInt8>? {
        if let bytes = ranks.bytes(of: id) { return bytes }
        return specialTokens.text(of: id).map { ArraySlice($0.utf8) }
    }

    /// A decoder for ids arriving one at a time that emits only complete UTF-8 text.
    public func streamingDecoder() -> StreamingTextDecoder {
        StreamingTextDecoder { id in self.tokenBytes(id) }
    }
}
