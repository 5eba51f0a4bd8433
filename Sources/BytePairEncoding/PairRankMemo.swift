/// A small direct-mapped memo of pair lookups for the merge loop: the rank of the token that
/// joins the tokens `left` and `right` (or "none"), remembered by the pair of ranks.
///
/// A merge looks up the concatenation of two adjacent parts, and every part is a token, so the
/// pair of ranks names those bytes exactly: a remembered answer is the answer. The memo is small
/// enough to stay in the processor's cache, where the ranks' table is not, and the same pairs
/// recur across the words of a text. Entries are overwritten, never dropped, so it needs no cap
/// beyond its size; it belongs to one `PieceTokenCache` and its thread.
@usableFromInline
package struct PairRankMemo {
    /// Ranks the memo can hold (below 2^18, as in every shipped vocabulary); pairs with a larger
    /// rank are looked up every time.
    @usableFromInline static let rankLimit: UInt32 = 1 << 18
    @usableFromInline static let slotBits = 14
    @usableFromInline static let none: UInt64 = 0xF_FFFF

    /// Per slot: (left << 18 | right) + 1 in the high 44 bits (0: empty), the rank (or `none`)
    /// in the low 20.
    @usableFromInline let slots: UnsafeMutablePointer<UInt64>

    package init() {
        slots = .allocate(capacity: 1 << Self.slotBits)
        slots.initialize(repeating: 0, count: 1 << Self.slotBits)
    }

    /// Frees the memory. The memo must not be used afterwards.
    package func release() { slots.deallocate() }

    /// Bytes allocated.
    package static var bytes: Int { (1 << slotBits) * MemoryLayout<UInt64>.stride }

    /// The rank of the token joining `left` and `right` (`UInt32.max` for none): remembered, or
    /// `lookUp()` and remembered.
    @inlinable @inline(__always)
    package func rank(_ left: UInt32, _ right: UInt32, lookUp: () -> UInt32) -> UInt32 {
        guard left < Self.rankLimit, right < Self.rankLimit else { return lookUp() }
        let key = (UInt64(left) &<< 18 | UInt64(right)) &+ 1
        let slot = slots + Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> UInt64(64 - Self.slotBits))
        let entry = slot.pointee
        if entry &>> 20 == key {
            let value = entry & Self.none
            return value == Self.none ? .max : UInt32(truncatingIfNeeded: value)
        }
        let rank = lookUp()
        if rank < Self.rankLimit {
            slot.pointee = key &<< 20 | UInt64(rank)
        } else if rank == .max {
            slot.pointee = key &<< 20 | Self.none
        }
        return rank
    }
}
