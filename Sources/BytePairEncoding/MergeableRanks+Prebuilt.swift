/// A compact prebuilt form of the ranks: the lookup tables exactly as they lie in memory, so that
/// loading is one file mapping and a validation pass instead of parsing and hashing every token.
///
/// Layout (little-endian): a 256-byte header (magic, the caller's identity of the source, counts,
/// a checksum of all the other bytes), then the hash slots, the rank → offset table, the
/// 1- and 2-byte rank table and the token bytes. A form is used only when its identity matches,
/// its checksum matches and every table entry is in range, so a stale, truncated or damaged file is
/// never trusted: the caller builds the ranks again instead.
extension MergeableRanks {
    static let prebuiltMagic: UInt64 = 0x3130_4B4E_5252_4B54   // "TKRRNK01"
    static let prebuiltHeaderBytes = 256
    /// The most identity bytes a form records.
    package static let prebuiltIdentityLimit = 128
    static let shortRankCount = 256 + 65_536

    /// The most words a form carries for its maker (`prebuiltForm(identity:attachment:)`).
    package static let prebuiltAttachmentLimit = 7

    /// The prebuilt form of these ranks, recording `identity` (at most `prebuiltIdentityLimit`
    /// bytes naming the source it was built from) and up to `prebuiltAttachmentLimit` words of
    /// the caller's about that source (in the header, under the checksum).
    package func prebuiltForm(identity: [UInt8], attachment: [UInt64] = []) -> [UInt8] {
        precondition(identity.count <= Self.prebuiltIdentityLimit, "identity too long")
        precondition(attachment.count <= Self.prebuiltAttachmentLimit, "attachment too long")
        let s = storage
        let capacity = s.mask + 1
        var out = [UInt8](repeating: 0, count: Self.prebuiltHeaderBytes)
        func put(_ value: UInt64, at offset: Int) {
            for i in 0..<8 { out[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
        }
        put(Self.prebuiltMagic, at: 0)
        put(UInt64(identity.count), at: 8)
        out.replaceSubrange(16..<(16 + identity.count), with: identity)
        put(UInt64(s.rankLimit), at: 144)
        put(UInt64(s.count), at: 152)
        put(UInt64(s.byteCount), at: 160)
        put(UInt64(capacity), at: 168)
        put(UInt64(attachment.count), at: 184)
        for (i, word) in attachment.enumerated() { put(word, at: 192 + 8 * i) }
        out.reserveCapacity(Self.prebuiltHeaderBytes + capacity * 8 + (s.rankLimit + 1) * 4 + Self.shortRankCount * 4 + s.byteCount)
        func append<T: FixedWidthInteger>(_ pointer: UnsafeMutablePointer<T>, _ count: Int) {
            for i in 0..<count { withUnsafeBytes(of: pointer[i].littleEndian) { out.append(contentsOf: $0) } }
        }
        append(s.slots, capacity)
        append(s.tokenStart, s.rankLimit + 1)
        append(s.shortRanks, Self.shortRankCount)
        out.append(contentsOf: UnsafeBufferPointer(start: s.tokenBytes, count: s.byteCount))
        put(out.withUnsafeBytes { Self.formChecksum($0) }, at: 176)
        return out
    }

    /// Ranks whose tables live in `region`, a prebuilt form made by `prebuiltForm(identity:)`; nil
    /// when the form records another identity, or is truncated, damaged or out of range.
    /// - Complexity: O(file size), one pass with no allocation.
    package init?(prebuilt region: MappedRegion, identity: [UInt8]) {
        let bytes = region.bytes
        guard let base = bytes.baseAddress, bytes.count >= Self.prebuiltHeaderBytes,
              Int(bitPattern: base) % 8 == 0 else { return nil }
        func word(_ offset: Int) -> UInt64 { UInt64(littleEndian: bytes.load(fromByteOffset: offset, as: UInt64.self)) }
        guard word(0) == Self.prebuiltMagic, word(8) == UInt64(identity.count),
              identity.elementsEqual(bytes[16..<(16 + identity.count)]) else { return nil }
        // Every number is checked before it sizes or indexes anything.
        let limit = UInt64(bytes.count)
        let rankLimit64 = word(144), count64 = word(152), byteCount64 = word(160), capacity64 = word(168)
        guard rankLimit64 < UInt64(UInt32.max) - 1, count64 <= rankLimit64, byteCount64 <= limit,
              capacity64 >= 16, capacity64 <= limit, capacity64 & (capacity64 - 1) == 0, count64 < capacity64 else { return nil }
        let rankLimit = Int(rankLimit64), count = Int(count64), byteCount = Int(byteCount64), capacity = Int(capacity64)
        let slotsOffset = Self.prebuiltHeaderBytes
        let startsOffset = slotsOffset + capacity * 8
        let shortOffset = startsOffset + (rankLimit + 1) * 4
        let bytesOffset = shortOffset + Self.shortRankCount * 4
        guard bytesOffset + byteCount == bytes.count, Self.formChecksum(bytes) == word(176) else { return nil }
        let mutableBase = UnsafeMutableRawPointer(mutating: base)
        let slots = (mutableBase + slotsOffset).assumingMemoryBound(to: UInt64.self)
        let starts = (mutableBase + startsOffset).assumingMemoryBound(to: UInt32.self)
        let shortRanks = (mutableBase + shortOffset).assumingMemoryBound(to: UInt32.self)
        // Offsets ascend and end at the byte count; every slot and short entry names a real token.
        guard starts[0] == 0, Int(starts[rankLimit]) == byteCount else { return nil }
        var tokens = 0
        for r in 0..<rankLimit {
            let start = starts[r], end = starts[r + 1]
            guard end >= start else { return nil }
            if end > start { tokens += 1 }
        }
        guard tokens == count else { return nil }
        func isToken(_ rank: UInt32) -> Bool { Int(rank) < rankLimit && starts[Int(rank) + 1] > starts[Int(rank)] }
        var filled = 0
        for i in 0..<capacity where slots[i] != 0 {
            guard isToken(UInt32(truncatingIfNeeded: slots[i]) &- 1) else { return nil }
            filled += 1
        }
        guard filled == count else { return nil }
        for i in 0..<Self.shortRankCount where shortRanks[i] != .max {
            guard isToken(shortRanks[i]) else { return nil }
        }
        storage = Storage(
            region: region, tokenBytes: (mutableBase + bytesOffset).assumingMemoryBound(to: UInt8.self),
            tokenStart: starts, slots: slots, shortRanks: shortRanks, slotCapacity: capacity,
            rankLimit: rankLimit, count: count, byteCount: byteCount)
    }

    /// The words a valid form (one `init(prebuilt:identity:)` accepts) carries for its maker.
    package static func prebuiltAttachment(of region: MappedRegion) -> [UInt64] {
        let bytes = region.bytes
        guard bytes.count >= prebuiltHeaderBytes else { return [] }
        let count = Int(min(UInt64(prebuiltAttachmentLimit), UInt64(littleEndian: bytes.load(fromByteOffset: 184, as: UInt64.self))))
        return (0..<count).map { UInt64(littleEndian: bytes.load(fromByteOffset: 192 + 8 * $0, as: UInt64.self)) }
    }

    /// The checksum of a whole form: every byte but the checksum's own eight.
    static func formChecksum(_ form: UnsafeRawBufferPointer) -> UInt64 {
        let before = checksum(UnsafeRawBufferPointer(rebasing: form[..<176]))
        return (before &* 0x9E37_79B1_85EB_CA87) ^ checksum(UnsafeRawBufferPointer(rebasing: form[184...]))
    }

    /// A fast 64-bit checksum (four multiply-rotate lanes over little-endian words), to detect a
    /// damaged file; not a cryptographic hash.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let p1: UInt64 = 0x9E37_79B1_85EB_CA87, p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (p1, p2, ~p1, ~p2)
        @inline(__always) func round(_ lane: UInt64, _ word: UInt64) -> UInt64 {
            let x = lane &+ word &* p2
            return ((x << 31) | (x >> 33)) &* p1
        }
        var i = 0
        let n = bytes.count
        while i + 32 <= n {
            lanes.0 = round(lanes.0, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            lanes.1 = round(lanes.1, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)))
            lanes.2 = round(lanes.2, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)))
            lanes.3 = round(lanes.3, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)))
            i += 32
        }
        var tail: UInt64 = UInt64(truncatingIfNeeded: n)
        while i < n {
            tail = round(tail, UInt64(bytes[i]))
            i += 1
        }
        var h = round(round(round(round(tail, lanes.0), lanes.1), lanes.2), lanes.3)
        h ^= h >> 29
        h = h &* p1
        return h ^ (h >> 32)
    }
}
