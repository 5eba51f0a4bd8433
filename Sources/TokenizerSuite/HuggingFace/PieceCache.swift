import BytePairEncoding

/// A small direct-mapped cache from piece bytes to their token ids, for one encode call: real text
/// repeats its words, and a hit skips the merge loop. Entries are overwritten on collision.
struct PieceCache {
    private static let slotCount = 4096
    private var tags: [UInt64] = []           // hash | 1 (0 = empty)
    private var slots: [(start: Int32, length: Int32, idStart: Int32, idCount: Int32)] = []
    private var arena: [UInt8] = []
    private var ids: [TokenID] = []

    /// The hash of `piece`.
    @inline(__always)
    static func hash(_ piece: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(piece.count)
        for b in piece { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h | 1
    }

    /// Emits the cached ids of `piece` and returns true, or returns false on a miss.
    @inline(__always)
    func lookup(_ piece: UnsafeBufferPointer<UInt8>, hash: UInt64, emit: (TokenID) -> Void) -> Bool {
        guard !tags.isEmpty else { return false }
        let slot = Int(truncatingIfNeeded: hash >> 20) & (Self.slotCount - 1)
        guard tags[slot] == hash else { return false }
        let entry = slots[slot]
        guard Int(entry.length) == piece.count else { return false }
        let start = Int(entry.start)
        for k in 0..<piece.count where arena[start + k] != piece[k] { return false }
        for k in Int(entry.idStart)..<Int(entry.idStart + entry.idCount) { emit(ids[k]) }
        return true
    }

    /// Remembers `tokens` as the ids of `piece`.
    mutating func store(_ piece: UnsafeBufferPointer<UInt8>, hash: UInt64, tokens: ArraySlice<TokenID>) {
        if tags.isEmpty {
            tags = Array(repeating: 0, count: Self.slotCount)
            slots = Array(repeating: (0, 0, 0, 0), count: Self.slotCount)
        }
        if arena.count > 1 << 20 || ids.count > 1 << 18 {
            arena.removeAll(keepingCapacity: true)
            ids.removeAll(keepingCapacity: true)
            for k in tags.indices { tags[k] = 0 }
        }
        let slot = Int(truncatingIfNeeded: hash >> 20) & (Self.slotCount - 1)
        tags[slot] = hash
        slots[slot] = (Int32(arena.count), Int32(piece.count), Int32(ids.count), Int32(tokens.count))
        arena.append(contentsOf: piece)
        ids.append(contentsOf: tokens)
    }
}
