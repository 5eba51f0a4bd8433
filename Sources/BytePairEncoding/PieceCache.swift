/// Remembers the tokens of pieces that needed merging, so a word that recurs in a text is merged
/// once. Owned by one `BytePairMerger` (one encode call): no locking, bounded size.
@usableFromInline
struct PieceCache {
    /// Longer pieces are not cached (they rarely recur).
    @usableFromInline static let maxPieceLength = 64
    /// The cache is emptied when it holds this many pieces.
    @usableFromInline static let maxEntries = 8192

    @usableFromInline struct Slot {
        @usableFromInline var tag: UInt32 = 0        // 0 = empty; otherwise high hash bits | 1
        @usableFromInline var keyStart: UInt32 = 0
        @usableFromInline var keyLength: UInt16 = 0
        @usableFromInline var idCount: UInt16 = 0
        @usableFromInline var idStart: UInt32 = 0
        @inlinable init() {}
    }

    @usableFromInline var slots: [Slot] = []
    @usableFromInline var keys: [UInt8] = []
    @usableFromInline var ids: [TokenID] = []
    @usableFromInline var count = 0

    @inlinable init() {}

    /// The cached ids of `piece` as a range of `ids`, or nil.
    @inlinable @inline(__always)
    func lookup(_ piece: UnsafePointer<UInt8>, _ length: Int, hash: UInt64) -> Range<Int>? {
        guard !slots.isEmpty else { return nil }
        let tag = UInt32(truncatingIfNeeded: hash >> 32) | 1
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            keys.withUnsafeBufferPointer { keys in
                while true {
                    let slot = slots[index]
                    if slot.tag == 0 { return nil }
                    if slot.tag == tag && Int(slot.keyLength) == length
                        && memoryEqual(keys.baseAddress! + Int(slot.keyStart), piece, length) {
                        return Int(slot.idStart)..<(Int(slot.idStart) + Int(slot.idCount))
                    }
                    index = (index + 1) & mask
                }
            }
        }
    }

    /// Remembers that `piece` encodes to `tokens`.
    @inlinable
    mutating func insert(_ piece: UnsafePointer<UInt8>, _ length: Int, hash: UInt64, tokens: ArraySlice<TokenID>) {
        if count >= Self.maxEntries || slots.isEmpty {
            slots = Array(repeating: Slot(), count: slots.isEmpty ? 256 : slots.count)
            keys.removeAll(keepingCapacity: true)
            ids.removeAll(keepingCapacity: true)
            count = 0
        } else if count * 2 >= slots.count {
            grow()
        }
        var slot = Slot()
        slot.tag = UInt32(truncatingIfNeeded: hash >> 32) | 1
        slot.keyStart = UInt32(keys.count)
        slot.keyLength = UInt16(length)
        slot.idStart = UInt32(ids.count)
        slot.idCount = UInt16(tokens.count)
        keys.append(contentsOf: UnsafeBufferPointer(start: piece, count: length))
        ids.append(contentsOf: tokens)
        place(slot, hash: hash)
        count += 1
    }

    @inlinable
    mutating func place(_ slot: Slot, hash: UInt64) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index].tag != 0 { index = (index + 1) & mask }
        slots[index] = slot
    }

    @usableFromInline
    mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        for slot in old where slot.tag != 0 {
            let hash = keys.withUnsafeBufferPointer {
                MergeableRanks.Storage.hash($0.baseAddress! + Int(slot.keyStart), Int(slot.keyLength))
            }
            place(slot, hash: hash)
        }
    }
}

/// Whether `length` bytes at `a` and `b` are equal.
@inlinable @inline(__always)
func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
    var i = 0
    while i + 8 <= length {
        if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) {
            return false
        }
        i += 8
    }
    while i < length {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}
