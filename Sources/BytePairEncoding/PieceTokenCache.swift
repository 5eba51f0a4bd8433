/// A bounded map from pre-tokenized pieces (byte strings) to their token ids, owned by one thread
/// at a time (see `PieceCachePool` for sharing across threads and calls).
///
/// Pieces of up to 8 bytes with one or two ids go to a table of 16-byte entries
/// (`ShortPieceTable`); the rest to a general table: open addressing with linear probing over
/// 32-byte entries, where a piece of up to 16 bytes is stored inline as two little-endian words
/// and compared as two words, and up to three ids are stored inline. Longer pieces and longer id
/// lists live in two arenas. Entries are compared in full, so a hit always gives exactly the ids
/// that were inserted for those bytes: the cache changes speed, never output. When a table
/// reaches its size cap, or an arena its cap, that table (with its arenas) is emptied at once
/// (and counted in `clears`).
///
/// A value type over manually managed memory: never copy it (keep it behind a pointer, as the pool
/// does) and call `release()` once when done.
@usableFromInline
package struct PieceTokenCache {
    /// Pieces longer than this are not cached.
    @usableFromInline package static let maxPieceLength = 255

    @usableFromInline
    struct Entry {
        /// Inline key (≤ 16 bytes, zero-padded words); for a longer key, `k0` is its hash and
        /// `k1` its offset in `keyArena`.
        @usableFromInline var k0: UInt64
        @usableFromInline var k1: UInt64
        /// Key length in the low 16 bits (0: empty entry), id count in the high 16 bits.
        @usableFromInline var meta: UInt32
        /// Up to three ids inline; otherwise `id0` is the offset of the ids in `idArena`.
        @usableFromInline var id0: UInt32
        @usableFromInline var id1: UInt32
        @usableFromInline var id2: UInt32

        @inlinable init(k0: UInt64, k1: UInt64, meta: UInt32, id0: UInt32, id1: UInt32, id2: UInt32) {
            self.k0 = k0; self.k1 = k1; self.meta = meta; self.id0 = id0; self.id1 = id1; self.id2 = id2
        }
    }

    @usableFromInline var entries: UnsafeMutablePointer<Entry>
    @usableFromInline var capacity: Int          // power of two
    @usableFromInline var shift: UInt64          // 64 - log2(capacity): index = hash >> shift
    @usableFromInline var keyArena: UnsafeMutablePointer<UInt8>
    @usableFromInline var keyArenaCount = 0
    @usableFromInline var keyArenaCapacity = 0
    @usableFromInline var idArena: UnsafeMutablePointer<TokenID>
    @usableFromInline var idArenaCount = 0
    @usableFromInline var idArenaCapacity = 0
    @usableFromInline let maxCapacity: Int
    @usableFromInline let maxKeyArenaBytes: Int
    @usableFromInline let maxArenaIDs: Int
    /// Pieces stored in the general table, and how many of them are 8 bytes or shorter (which
    /// the short table could not take).
    @usableFromInline var generalCount = 0
    @usableFromInline package var shortPiecesInGeneral = 0
    /// Pieces of up to 8 bytes with one or two ids. A copy of it may be read (never
    /// changed or released) until the next `insert`.
    @usableFromInline package var short: ShortPieceTable
    /// Where `lookup` unpacks a short entry's ids.
    @usableFromInline let unpacked: UnsafeMutablePointer<TokenID>
    /// Lookups, hits, and the number of times the cache was emptied because it was full.
    @usableFromInline package var lookups = 0
    @usableFromInline package var hits = 0
    @usableFromInline package var clears = 0
    /// The merge loop's memo of pair lookups, kept with the cache for the same thread and ranks.
    @usableFromInline package let pairRanks = PairRankMemo()

    /// An empty cache that never holds more than about `capBytes` bytes (table and arenas).
    package init(capBytes: Int) {
        let budget = max(capBytes, 64 << 10)
        short = ShortPieceTable(capBytes: budget / 4)
        unpacked = .allocate(capacity: 3)
        var maxCapacity = 1024
        while maxCapacity * 2 * MemoryLayout<Entry>.stride <= budget / 2 { maxCapacity *= 2 }
        self.maxCapacity = maxCapacity
        maxKeyArenaBytes = budget / 8
        maxArenaIDs = budget / 8 / MemoryLayout<TokenID>.stride
        capacity = 16
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        entries = .allocate(capacity: capacity)
        entries.initialize(repeating: Entry(k0: 0, k1: 0, meta: 0, id0: 0, id1: 0, id2: 0), count: capacity)
        keyArena = .allocate(capacity: 1)
        idArena = .allocate(capacity: 1)
    }

    /// Frees the memory. The cache must not be used afterwards.
    package func release() {
        pairRanks.release()
        short.release()
        unpacked.deallocate()
        entries.deallocate()
        keyArena.deallocate()
        idArena.deallocate()
    }

    /// Pieces stored.
    package var count: Int { generalCount + short.count }

    /// Bytes allocated now.
    package var allocatedBytes: Int {
        capacity * MemoryLayout<Entry>.stride + keyArenaCapacity + idArenaCapacity * MemoryLayout<TokenID>.stride
            + short.allocatedBytes + PairRankMemo.bytes
    }

    /// The most bytes this cache may allocate.
    package var capBytes: Int {
        maxCapacity * MemoryLayout<Entry>.stride + maxKeyArenaBytes + maxArenaIDs * MemoryLayout<TokenID>.stride
            + short.capBytes + PairRankMemo.bytes
    }

    // MARK: Keys

    /// The first ≤ 16 bytes of a piece as two little-endian words, zero-padded, reading no byte
    /// outside `p[0..<n]` (1 ≤ n ≤ 16).
    @inlinable @inline(__always)
    static func shortKey(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UInt64, UInt64) {
        if n < 8 { return (ByteWords.packed(p, n), 0) }
        return (ByteWords.load(p, 0), n == 8 ? 0 : ByteWords.tail(p, from: 8, length: n))
    }

    @inlinable @inline(__always)
    static func shortHash(_ k0: UInt64, _ k1: UInt64, _ n: Int) -> UInt64 {
        let h = (k0 &* 0x9E37_79B9_7F4A_7C15) ^ ((k1 ^ UInt64(truncatingIfNeeded: n)) &* 0xC2B2_AE3D_27D4_EB4F)
        return (h ^ (h &>> 29)) &* 0xFF51_AFD7_ED55_8CCD
    }

    @inlinable @inline(__always)
    func idPointer(_ entry: UnsafeMutablePointer<Entry>, count: Int) -> UnsafePointer<TokenID> {
        if count <= 3 {
            return UnsafeRawPointer(entry).advanced(by: MemoryLayout<Entry>.offset(of: \Entry.id0) ?? 20)
                .assumingMemoryBound(to: TokenID.self)
        }
        return UnsafePointer(idArena + Int(entry.pointee.id0))
    }

    // MARK: Lookup and insertion

    /// The ids of the piece `p[0..<n]` (1 ≤ n ≤ `maxPieceLength`), or nil. The buffer is valid
    /// until the next `lookup` or `insert`.
    @inlinable @inline(__always)
    package mutating func lookup(_ p: UnsafePointer<UInt8>, _ n: Int) -> UnsafeBufferPointer<TokenID>? {
        lookups &+= 1
        if n <= ShortPieceTable.maxPieceLength {
            let key = ShortPieceTable.key(p, n)
            if ShortPieceTable.holds(n, key: key) {
                let ids = short.ids(key: key)
                if ids != 0 {
                    hits &+= 1
                    unpacked[0] = TokenID(truncatingIfNeeded: ids)
                    unpacked[1] = TokenID(truncatingIfNeeded: ids &>> 32)
                    return UnsafeBufferPointer(start: unpacked, count: ShortPieceTable.idCount(ids))
                }
                if shortPiecesInGeneral == 0 { return nil }
            }
        }
        guard let entry = entry(for: p, n) else { return nil }
        hits &+= 1
        let idCount = Int(entry.pointee.meta &>> 16)
        return UnsafeBufferPointer(start: idPointer(entry, count: idCount), count: idCount)
    }

    /// Writes the ids of the piece `p[0..<n]` (1 ≤ n ≤ `maxPieceLength`) at `out` and returns
    /// how many, or -1 when the piece is not cached. Up to three ids are written as three, so
    /// `out` must have room for three even when fewer come. The lookup is not counted: the
    /// caller adds it to `lookups` and `hits`.
    @inlinable @inline(__always)
    package mutating func writeIDs(_ p: UnsafePointer<UInt8>, _ n: Int, to out: UnsafeMutablePointer<TokenID>) -> Int {
        if n <= ShortPieceTable.maxPieceLength { return writeIDs(p, n, key: ShortPieceTable.key(p, n), to: out) }
        return writeGeneralIDs(p, n, to: out)
    }

    /// `writeIDs(_:_:to:)` for a piece of up to 8 bytes whose `ShortPieceTable` key is `key`.
    @inlinable @inline(__always)
    package mutating func writeIDs(_ p: UnsafePointer<UInt8>, _ n: Int, key: UInt64, to out: UnsafeMutablePointer<TokenID>) -> Int {
        if ShortPieceTable.holds(n, key: key) {
            let ids = short.ids(key: key)
            if ids != 0 {
                UnsafeMutableRawPointer(out).storeBytes(of: ids, as: UInt64.self)
                return ShortPieceTable.idCount(ids)
            }
            if shortPiecesInGeneral == 0 { return -1 }
        }
        return writeGeneralIDs(p, n, to: out)
    }

    /// `writeIDs(_:_:to:)` from the general table alone.
    @inlinable @inline(__always)
    package mutating func writeGeneralIDs(_ p: UnsafePointer<UInt8>, _ n: Int, to out: UnsafeMutablePointer<TokenID>) -> Int {
        guard let entry = entry(for: p, n) else { return -1 }
        return writeIDs(of: entry, to: out)
    }

    /// `writeIDs(_:_:to:)` for a piece of 9 to 16 bytes whose inline key (see `shortKey`) is
    /// `k0`, `k1`.
    @inlinable @inline(__always)
    package mutating func writeIDs(k0: UInt64, k1: UInt64, _ n: Int, to out: UnsafeMutablePointer<TokenID>) -> Int {
        guard let entry = inlineKeyEntry(k0, k1, n) else { return -1 }
        return writeIDs(of: entry, to: out)
    }

    /// Writes the ids of `entry` at `out` (three words at least) and returns how many.
    @inlinable @inline(__always)
    func writeIDs(of entry: UnsafeMutablePointer<Entry>, to out: UnsafeMutablePointer<TokenID>) -> Int {
        let idCount = Int(entry.pointee.meta &>> 16)
        if idCount <= 3 {
            out[0] = entry.pointee.id0
            out[1] = entry.pointee.id1
            out[2] = entry.pointee.id2
        } else {
            out.update(from: idArena + Int(entry.pointee.id0), count: idCount)
        }
        return idCount
    }

    /// The general table's entry of the piece `p[0..<n]` (1 ≤ n ≤ `maxPieceLength`), or nil.
    @inlinable @inline(__always)
    func entry(for p: UnsafePointer<UInt8>, _ n: Int) -> UnsafeMutablePointer<Entry>? {
        if n <= 16 {
            let (k0, k1) = Self.shortKey(p, n)
            return inlineKeyEntry(k0, k1, n)
        }
        let mask = capacity &- 1
        let hash = MergeableRanks.Storage.hash(p, n)
        var index = Int(truncatingIfNeeded: hash &>> shift)
        while true {
            let entry = entries + index
            let meta = entry.pointee.meta
            if meta == 0 { return nil }
            if Int(meta & 0xFFFF) == n && entry.pointee.k0 == hash && bytesEqual(keyArena + Int(entry.pointee.k1), p, n) {
                return entry
            }
            index = (index &+ 1) & mask
        }
    }

    /// The entry of the piece of `n` ≤ 16 bytes whose inline key is `k0`, `k1`, or nil.
    @inlinable @inline(__always)
    func inlineKeyEntry(_ k0: UInt64, _ k1: UInt64, _ n: Int) -> UnsafeMutablePointer<Entry>? {
        let mask = capacity &- 1
        var index = Int(truncatingIfNeeded: Self.shortHash(k0, k1, n) &>> shift)
        while true {
            let entry = entries + index
            let meta = entry.pointee.meta
            if meta == 0 { return nil }
            if Int(meta & 0xFFFF) == n && entry.pointee.k0 == k0 && entry.pointee.k1 == k1 { return entry }
            index = (index &+ 1) & mask
        }
    }

    /// Remembers that the piece `p[0..<n]` (1 ≤ n ≤ `maxPieceLength`, not cached yet) encodes to
    /// `ids` (at least one, at most n).
    @inlinable
    package mutating func insert(_ p: UnsafePointer<UInt8>, _ n: Int, ids: UnsafeBufferPointer<TokenID>) {
        guard n >= 1, n <= Self.maxPieceLength, !ids.isEmpty, ids.count <= n, let idBase = ids.baseAddress else { return }
        if ShortPieceTable.fits(p, n, ids: ids) {
            if !short.insert(p, n, ids: ids) { clears += 1 }
            return
        }
        if (generalCount &+ 1) &* 2 > capacity {
            if capacity < maxCapacity { grow() } else { clear() }
        }
        // Clear before appending, so that no entry of this insert points into dropped arena space.
        let keyBytes = n > 16 ? n : 0
        let arenaIDs = ids.count > 3 ? ids.count : 0
        if keyArenaCount + keyBytes > maxKeyArenaBytes || idArenaCount + arenaIDs > maxArenaIDs { clear() }
        var entry = Entry(k0: 0, k1: 0, meta: UInt32(n) | UInt32(ids.count) &<< 16, id0: 0, id1: 0, id2: 0)
        let hash: UInt64
        if n <= 16 {
            (entry.k0, entry.k1) = Self.shortKey(p, n)
            hash = Self.shortHash(entry.k0, entry.k1, n)
        } else {
            hash = MergeableRanks.Storage.hash(p, n)
            let offset = appendKey(p, n)
            entry.k0 = hash
            entry.k1 = UInt64(offset)
        }
        if ids.count <= 3 {
            entry.id0 = idBase[0]
            entry.id1 = ids.count > 1 ? idBase[1] : 0
            entry.id2 = ids.count > 2 ? idBase[2] : 0
        } else {
            let offset = appendIDs(idBase, ids.count)
            entry.id0 = UInt32(offset)
        }
        place(entry, hash: hash)
        generalCount &+= 1
        if n <= ShortPieceTable.maxPieceLength { shortPiecesInGeneral &+= 1 }
    }

    @inlinable @inline(__always)
    mutating func place(_ entry: Entry, hash: UInt64) {
        let mask = capacity &- 1
        var index = Int(truncatingIfNeeded: hash &>> shift)
        while entries[index].meta != 0 { index = (index &+ 1) & mask }
        entries[index] = entry
    }

    /// The offset of a copy of the key in the key arena (which has room for it under its cap).
    @usableFromInline
    mutating func appendKey(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        if keyArenaCount + n > keyArenaCapacity {
            keyArena = Self.enlarged(keyArena, count: keyArenaCount, capacity: &keyArenaCapacity, needed: keyArenaCount + n, limit: maxKeyArenaBytes)
        }
        (keyArena + keyArenaCount).update(from: p, count: n)
        defer { keyArenaCount += n }
        return keyArenaCount
    }

    /// The offset of a copy of the ids in the id arena (which has room for them under its cap).
    @usableFromInline
    mutating func appendIDs(_ base: UnsafePointer<TokenID>, _ n: Int) -> Int {
        if idArenaCount + n > idArenaCapacity {
            idArena = Self.enlarged(idArena, count: idArenaCount, capacity: &idArenaCapacity, needed: idArenaCount + n, limit: maxArenaIDs)
        }
        (idArena + idArenaCount).update(from: base, count: n)
        defer { idArenaCount += n }
        return idArenaCount
    }

    static func enlarged<T>(
        _ old: UnsafeMutablePointer<T>, count: Int, capacity: inout Int, needed: Int, limit: Int
    ) -> UnsafeMutablePointer<T> {
        var newCapacity = max(capacity * 2, 4096 / MemoryLayout<T>.stride)
        while newCapacity < needed { newCapacity *= 2 }
        newCapacity = min(newCapacity, limit)
        let new = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
        new.moveInitialize(from: old, count: count)
        old.deallocate()
        capacity = newCapacity
        return new
    }

    /// Doubles the table, re-placing every entry.
    @usableFromInline
    mutating func grow() {
        let old = entries
        let oldCapacity = capacity
        capacity *= 2
        shift -= 1
        entries = .allocate(capacity: capacity)
        entries.initialize(repeating: Entry(k0: 0, k1: 0, meta: 0, id0: 0, id1: 0, id2: 0), count: capacity)
        for i in 0..<oldCapacity where old[i].meta != 0 {
            let entry = old[i]
            let n = Int(entry.meta & 0xFFFF)
            place(entry, hash: n <= 16 ? Self.shortHash(entry.k0, entry.k1, n) : entry.k0)
        }
        old.deallocate()
    }

    /// Drops every entry of the general table (which keeps its size).
    @usableFromInline
    mutating func clear() {
        entries.update(repeating: Entry(k0: 0, k1: 0, meta: 0, id0: 0, id1: 0, id2: 0), count: capacity)
        keyArenaCount = 0
        idArenaCount = 0
        generalCount = 0
        shortPiecesInGeneral = 0
        clears += 1
    }
}
