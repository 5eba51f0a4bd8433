/// The part of a `PieceTokenCache` that holds pieces of up to 8 bytes with one or two ids (on
/// real text, most lookups): 16-byte entries, the piece and its length in one word and its ids in
/// another, so the pieces asked for most often take half the memory of a general entry, a lookup
/// compares one word and a hit is one 8-byte store.
///
/// A key is the piece's bytes, little-endian, with the length in the top byte when the piece is
/// shorter than 8 bytes. An 8-byte piece whose last byte is below 8 would look like a shorter
/// one, so it is not kept here (`holds`). Keys are never 0, which marks an empty entry.
///
/// Open addressing with linear probing, filled to at most three quarters; when it would grow past
/// its cap it is emptied instead. A value type over manually managed memory, owned by its cache.
@usableFromInline
package struct ShortPieceTable {
    /// The longest piece stored here.
    @usableFromInline package static let maxPieceLength = 8
    /// The second id of an entry with one id.
    @usableFromInline static let noSecondID: UInt64 = 0xFFFF_FFFF

    /// `key`: see the type. `ids`: the first id in the low half, the second (or `noSecondID`)
    /// in the high half.
    @usableFromInline
    struct Entry {
        @usableFromInline var key: UInt64
        @usableFromInline var ids: UInt64

        @inlinable init(key: UInt64, ids: UInt64) { self.key = key; self.ids = ids }
    }

    @usableFromInline var entries: UnsafeMutablePointer<Entry>
    @usableFromInline var capacity: Int          // power of two
    @usableFromInline var shift: UInt64          // 64 - log2(capacity): index = hash >> shift
    @usableFromInline let maxCapacity: Int
    /// Pieces stored.
    @usableFromInline package var count = 0

    /// An empty table that never takes more than about `capBytes` bytes.
    init(capBytes: Int) {
        var maxCapacity = 1024
        while maxCapacity * 2 * MemoryLayout<Entry>.stride <= capBytes { maxCapacity *= 2 }
        self.maxCapacity = maxCapacity
        capacity = 64
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        entries = .allocate(capacity: capacity)
        entries.initialize(repeating: Entry(key: 0, ids: 0), count: capacity)
    }

    func release() { entries.deallocate() }

    var allocatedBytes: Int { capacity * MemoryLayout<Entry>.stride }
    var capBytes: Int { maxCapacity * MemoryLayout<Entry>.stride }

    /// The key of the piece `p[0..<n]` (1 ≤ n ≤ 8), reading no byte outside it.
    @inlinable @inline(__always)
    static func key(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        n == 8 ? ByteWords.load(p, 0) : ByteWords.packed(p, n) | UInt64(n) &<< 56
    }

    /// The key of the piece `p[0..<n]` (1 ≤ n ≤ 8) from one load, when the 8 bytes at `p` may
    /// all be read.
    @inlinable @inline(__always)
    static func key(within p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        ByteWords.load(p, 0) & (UInt64.max &>> UInt64((8 &- n) &* 8)) | UInt64(n & 7) &<< 56
    }

    /// Whether the piece of `n` bytes (≤ 8) with `key` may be in this table.
    @inlinable @inline(__always)
    static func holds(_ n: Int, key: UInt64) -> Bool { n < 8 || key >= 8 &<< 56 }

    @inlinable @inline(__always)
    func index(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    }

    /// The ids of the piece with `key` (one the table `holds`): the first in the low half, the
    /// second or `noSecondID` in the high half; 0 when it is not stored.
    @inlinable @inline(__always)
    package func ids(key: UInt64) -> UInt64 {
        let mask = capacity &- 1
        var i = index(key)
        while true {
            let entry = entries[i]
            if entry.key == key { return entry.ids }
            if entry.key == 0 { return 0 }
            i = (i &+ 1) & mask
        }
    }

    /// How many ids `ids(key:)`'s answer holds.
    @inlinable @inline(__always)
    package static func idCount(_ ids: UInt64) -> Int { ids &>> 32 == noSecondID ? 1 : 2 }

    /// Whether a piece of `n` bytes with these ids fits an entry.
    @inlinable @inline(__always)
    static func fits(_ p: UnsafePointer<UInt8>, _ n: Int, ids: UnsafeBufferPointer<TokenID>) -> Bool {
        guard n <= maxPieceLength, ids.count <= 2, holds(n, key: key(p, n)) else { return false }
        // Two ids of 0 would read as "not stored".
        return ids.count == 1 || (ids[1] != TokenID.max && ids[0] | ids[1] != 0)
    }

    /// Stores the piece `p[0..<n]` (not stored yet; `fits`); returns false when the table was
    /// emptied first because it was full.
    @usableFromInline
    mutating func insert(_ p: UnsafePointer<UInt8>, _ n: Int, ids: UnsafeBufferPointer<TokenID>) -> Bool {
        var cleared = false
        if (count &+ 1) &* 4 > capacity &* 3 {
            if capacity < maxCapacity { grow() } else { clear(); cleared = true }
        }
        let second = ids.count > 1 ? UInt64(ids[1]) : Self.noSecondID
        place(Entry(key: Self.key(p, n), ids: UInt64(ids[0]) | second &<< 32))
        count &+= 1
        return !cleared
    }

    @inlinable @inline(__always)
    mutating func place(_ entry: Entry) {
        let mask = capacity &- 1
        var i = index(entry.key)
        while entries[i].key != 0 { i = (i &+ 1) & mask }
        entries[i] = entry
    }

    /// Doubles the table, re-placing every entry.
    @usableFromInline
    mutating func grow() {
        let old = entries
        let oldCapacity = capacity
        capacity *= 2
        shift -= 1
        entries = .allocate(capacity: capacity)
        entries.initialize(repeating: Entry(key: 0, ids: 0), count: capacity)
        for i in 0..<oldCapacity where old[i].key != 0 { place(old[i]) }
        old.deallocate()
    }

    /// Drops every entry (the table keeps its size).
    @usableFromInline
    mutating func clear() {
        entries.update(repeating: Entry(key: 0, ids: 0), count: capacity)
        count = 0
    }
}
