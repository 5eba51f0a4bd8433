import BytePairEncoding
import Pretokenization

/// The `BPE` model of a `tokenizer.json`: vocabulary, ordered merges and their options.
///
/// Two algorithms give the reference's ids. The merge-list algorithm (`MergeListMerger`) is the
/// reference's own. When the loader has verified that the file allows it (every merge result is a
/// distinct token, merge order is id order, and each token's own encoding is that token), pieces
/// go through the engine's rank merge instead (`BytePairMerger`, ranks = ids), which is faster.
public struct HuggingFaceBPEModel: Sendable {
    /// Token strings by id.
    public let tokens: TokenStrings
    /// Whether pieces are bytes (the pre-tokenizer ends with `ByteLevel`).
    public let byteLevel: Bool
    let unknownToken: String?
    let continuingSubwordPrefix: String?
    let endOfWordSuffix: String?
    let fuseUnknown: Bool
    let byteFallback: Bool
    let ignoreMerges: Bool
    var merges: MergeList
    /// The number of merges in the file.
    public internal(set) var mergeCount: Int
    /// Token strings' UTF-8 → id (character-level models), or decoded bytes → id (byte-level).
    let tokenTable: MergeableRanks
    /// Byte-level only: tokens whose strings are not byte-level text (UTF-8 → id).
    let otherTokens: [[UInt8]: TokenID]
    /// Byte-level only: each byte's token id (`UInt32.max` when the vocabulary lacks it).
    let byteIDs: [TokenID]
    /// Byte-level only, when verified: token bytes → id, for the rank merge.
    var rankTable: MergeableRanks?

    /// The number of vocabulary entries.
    var entryCount: Int { tokenTable.count + otherTokens.count }

    /// Pieces → ids, kept across calls (exact results only, so output never depends on it).
    let pieceCache = PieceCachePool()

    /// The piece cache's size and hit rate since loading.
    public var pieceCacheStatistics: PieceCacheStatistics { pieceCache.statistics }

    /// Whether the fast rank merge is in use.
    public var usesRankMerge: Bool { rankTable != nil }

    /// The id of a vocabulary token string.
    public func id(of token: String) -> TokenID? { lookup(utf8: Array(token.utf8)) }

    /// The id of the token whose string has UTF-8 `utf8`.
    func lookup(utf8: [UInt8]) -> TokenID? {
        guard byteLevel else { return tokenTable.rank(of: utf8) }
        if let bytes = ByteLevelAlphabet.bytes(of: String(decoding: utf8, as: UTF8.self)), let id = tokenTable.rank(of: bytes) {
            return id
        }
        return otherTokens[utf8]
    }

    /// Scratch state for encoding on one thread.
    struct Scratch {
        var rankMerger: BytePairMerger?
        var mergeList: MergeListMerger
        var symbols: [TokenID] = []
        var mergedStarts: [Int] = []
        init(_ model: HuggingFaceBPEModel) {
            rankMerger = model.rankTable.map { BytePairMerger(ranks: $0, cache: model.pieceCache) }
            mergeList = model.rankTable == nil
                ? MergeListMerger(merges: model.merges, cache: model.pieceCache) : MergeListMerger(merges: model.merges)
        }
    }

    /// The ids of the pieces `base[range]` for each range in `pieces`, in order, when the model
    /// merges by rank (nil otherwise): what `encode` gives piece by piece. The buffer is valid
    /// until the scratch is used again.
    @inline(__always)
    func encodeBatch(
        _ pieces: UnsafeBufferPointer<Range<Int>>, in base: UnsafePointer<UInt8>, scratch: inout Scratch
    ) -> UnsafeBufferPointer<TokenID>? {
        guard var merger = scratch.rankMerger else { return nil }
        // Taken out while in use, so that its buffers stay uniquely referenced.
        scratch.rankMerger = nil
        defer { scratch.rankMerger = merger }
        return merger.tokens(ofPieces: pieces, in: base)
    }

    /// Appends the ids of one piece (bytes when `byteLevel`, else UTF-8 text) through `emit`.
    @inline(__always)
    func encode(_ piece: UnsafeBufferPointer<UInt8>, scratch: inout Scratch, emit: (TokenID) -> Void) {
        guard piece.count > 0 else { return }
        if scratch.rankMerger != nil {
            scratch.rankMerger!.merge(piece, emit: emit)
            return
        }
        if ignoreMerges, let whole = wholeTokenID(piece) { emit(whole); return }
        if byteLevel && continuingSubwordPrefix == nil && endOfWordSuffix == nil,
           scratch.mergeList.merge(bytes: piece, byteIDs: byteIDs, emit: emit) {
            return
        }
        wordSymbols(piece, into: &scratch.symbols)
        scratch.mergeList.merge(&scratch.symbols)
        scratch.symbols.forEach(emit)
    }

    /// Appends the ids of one piece through `emit`, each with the byte offset in `piece` where the
    /// text it stands for starts.
    func encodeWithOffsets(_ piece: UnsafeBufferPointer<UInt8>, scratch: inout Scratch, emit: (TokenID, Int) -> Void) {
        guard piece.count > 0 else { return }
        let wordPath = !(rankTable != nil && scratch.rankMerger != nil)
            && !(ignoreMerges && wholeTokenID(piece) != nil)
            && !(byteLevel && continuingSubwordPrefix == nil && endOfWordSuffix == nil && !byteIDs.contains(.max))
        guard wordPath else {
            // Byte paths: every token is its bytes, so offsets are running byte counts.
            var offset = 0
            encode(piece, scratch: &scratch) { id in
                emit(id, min(offset, piece.count - 1))
                offset += byteLength(of: id)
            }
            return
        }
        var starts: [Int]? = []
        wordSymbols(piece, into: &scratch.symbols, starts: &starts)
        let symbolStarts = starts ?? []
        scratch.mergeList.merge(&scratch.symbols, startPositions: &scratch.mergedStarts)
        for (id, position) in zip(scratch.symbols, scratch.mergedStarts) { emit(id, symbolStarts[position]) }
    }

    /// The number of piece bytes a byte-level token stands for.
    private func byteLength(of id: TokenID) -> Int {
        let count = tokenTable.byteCount(of: id)
        if count > 0 { return count }
        return Int(id) < tokens.count ? tokens.utf8Count(id) : 1
    }

    private func wholeTokenID(_ piece: UnsafeBufferPointer<UInt8>) -> TokenID? {
        tokenTable.rank(of: piece)
    }

    private func wordSymbols(_ piece: UnsafeBufferPointer<UInt8>, into symbols: inout [TokenID]) {
        var starts: [Int]? = nil
        wordSymbols(piece, into: &symbols, starts: &starts)
    }

    /// The initial symbols of a word, character by character, as the reference builds them
    /// (prefix/suffix, byte fallback, unknown token); with `starts`, the byte offset in `piece` of
    /// the character each symbol comes from.
    private func wordSymbols(_ piece: UnsafeBufferPointer<UInt8>, into symbols: inout [TokenID], starts: inout [Int]?) {
        symbols.removeAll(keepingCapacity: true)
        // Characters of the model's view of the piece: byte-level characters or UTF-8 scalars.
        var characters: [[UInt8]] = []
        var characterStarts: [Int] = []
        if byteLevel {
            for (offset, b) in piece.enumerated() {
                characters.append(Array(String(Unicode.Scalar(ByteLevelAlphabet.scalarOfByte[Int(b)]) ?? "?").utf8))
                characterStarts.append(offset)
            }
        } else {
            var i = 0
            while i < piece.count {
                let l = UTF8Scalar.length(leadByte: piece[i])
                characters.append(Array(piece[i..<min(i + l, piece.count)]))
                characterStarts.append(i)
                i += l
            }
        }
        var pendingUnknown: (id: TokenID, start: Int)? = nil
        let unknownID = unknownToken.flatMap { id(of: $0) }
        func append(_ id: TokenID, _ start: Int) {
            symbols.append(id)
            starts?.append(start)
        }
        for (index, character) in characters.enumerated() {
            let start = characterStarts[index]
            var s = character
            if index > 0, let prefix = continuingSubwordPrefix { s = Array(prefix.utf8) + s }
            if index == characters.count - 1, let suffix = endOfWordSuffix { s += Array(suffix.utf8) }
            if let id = lookup(utf8: s) {
                if let u = pendingUnknown { append(u.id, u.start); pendingUnknown = nil }
                append(id, start)
                continue
            }
            if byteFallback {
                let ids = s.map { lookup(utf8: Array(Self.byteFallbackToken($0).utf8)) }
                if ids.allSatisfy({ $0 != nil }) {
                    for id in ids.compactMap({ $0 }) { append(id, start) }
                    continue
                }
            }
            if let unknownID {
                if let pending = pendingUnknown {
                    if !fuseUnknown { append(pending.id, pending.start); pendingUnknown = (unknownID, start) }
                } else {
                    pendingUnknown = (unknownID, start)
                }
            }
        }
        if let u = pendingUnknown { append(u.id, u.start) }
    }

    /// The byte-fallback token for `byte`: `<0x0A>`.
    static func byteFallbackToken(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        return "<0x" + (hex.count == 1 ? "0" : "") + hex + ">"
    }
}
