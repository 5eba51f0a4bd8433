/// Scratch space for merging long pieces (`BytePairMerger.heapThreshold` bytes or more), reused
/// across pieces; about 9 bytes per byte of the longest piece so far.
///
/// - Parts are a bit set: bit `i` is set while a part starts at byte `i` (bit `n` marks the end).
///   Every part is a token, so the part after or before a byte is at most one token's length away
///   in the bit set.
/// - Candidate pairs are 8-byte keys in a binary min-heap: the pair's rank in the high bits, its
///   start in the low bits, so the smallest key is the lowest rank, leftmost on ties (tiktoken's
///   order). Keys that went stale stay until popped: a key is current while its start still starts
///   a part and the pair starting there is exactly as long as the key's token (pairs only grow, so
///   the same start and length mean the same bytes). When the heap is full, stale keys are swept
///   out in place instead of growing it; a sweep leaves at most one key per live pair, fewer than
///   the piece's bytes.
@usableFromInline
final class HeapScratch {
    private var starts: UnsafeMutablePointer<UInt64> = .allocate(capacity: 1)
    private var startWords = 1
    private var heap = KeyHeap()
    /// Keys the heap holds beyond one per byte of an `n`-byte piece.
    private let spareKeys: (Int) -> Int

    @usableFromInline init() { spareKeys = { $0 / 8 + 16 } }

    /// A scratch with other room to spare (tests use none, to reach the sweep).
    init(spareKeys: @escaping (Int) -> Int) { self.spareKeys = spareKeys }

    deinit {
        starts.deallocate()
        heap.deallocate()
    }

    /// How many times a full heap was swept of stale keys (for tests).
    var sweeps: Int { heap.sweeps }

    /// Merges `base[0..<n]` (n ≥ 2) by lowest rank, leftmost first, appending the tokens to `output`.
    @usableFromInline
    func merge(_ base: UnsafePointer<UInt8>, _ n: Int, storage: MergeableRanks.Table, into output: inout [TokenID]) {
        let words = (n >> 6) + 1
        if words > startWords {
            starts.deallocate()
            startWords = max(words, startWords + startWords / 2)
            starts = .allocate(capacity: startWords)
        }
        // Locals, not the class's properties, in the loop: no exclusivity checks per access.
        let starts = self.starts
        var heap = self.heap
        defer { self.heap = heap }
        heap.reset(room: n + spareKeys(n))
        // Positions take 32 bits up to 4 GiB pieces, more beyond (ranks keep the rest: 24 bits at
        // 1 TiB, more than any vocabulary that fits beside such a piece).
        let shift = UInt64(n < 1 << 32 ? 32 : Int.bitWidth - n.leadingZeroBitCount)
        let positionMask = UInt64(1) << shift - 1

        for w in 0..<words { starts[w] = ~0 }
        starts[words - 1] = ~0 >> UInt64(63 - (n & 63))  // bits up to n
        for i in 0..<(n - 1) {
            let rank = storage.lookup(base + i, 2)
            if rank != .max { heap.appendUnordered(UInt64(rank) << shift | UInt64(i)) }
        }
        heap.heapify()

        let isCurrent = { (key: UInt64) -> Bool in
            let start = Int(key & positionMask)
            guard Self.isStart(starts, start) else { return false }
            let second = Self.nextStart(starts, after: start)
            guard second < n else { return false }
            return Self.nextStart(starts, after: second) - start == storage.byteCount(of: TokenID(key >> shift))
        }
        while heap.count > 0 {
            let key = heap.popMin()
            guard isCurrent(key) else { continue }
            let start = Int(key & positionMask)
            let second = Self.nextStart(starts, after: start)
            let end = Self.nextStart(starts, after: second)
            starts[second >> 6] &= ~(1 << UInt64(second & 63))
            if start > 0 {
                let before = Self.previousStart(starts, before: start)
                let rank = storage.lookup(base + before, end - before)
                if rank != .max { heap.push(UInt64(rank) << shift | UInt64(before), keeping: isCurrent) }
            }
            if end < n {
                let rank = storage.lookup(base + start, Self.nextStart(starts, after: end) - start)
                if rank != .max { heap.push(UInt64(rank) << shift | UInt64(start), keeping: isCurrent) }
            }
        }

        var i = 0
        while i < n {
            let j = Self.nextStart(starts, after: i)
            output.append(storage.lookup(base + i, j - i))
            i = j
        }
    }

    @inline(__always) private static func isStart(_ starts: UnsafeMutablePointer<UInt64>, _ i: Int) -> Bool {
        starts[i >> 6] >> UInt64(i & 63) & 1 != 0
    }

    /// The first part start after byte `i` (`i` < n; bit n is always set).
    @inline(__always) private static func nextStart(_ starts: UnsafeMutablePointer<UInt64>, after i: Int) -> Int {
        var word = (i + 1) >> 6
        var bits = starts[word] & (~0 << UInt64((i + 1) & 63))
        while bits == 0 {
            word += 1
            bits = starts[word]
        }
        return word << 6 | bits.trailingZeroBitCount
    }

    /// The last part start before byte `i` (`i` > 0; byte 0 always starts a part).
    @inline(__always) private static func previousStart(_ starts: UnsafeMutablePointer<UInt64>, before i: Int) -> Int {
        var word = (i - 1) >> 6
        var bits = starts[word] & (~0 >> UInt64(63 - ((i - 1) & 63)))
        while bits == 0 {
            word -= 1
            bits = starts[word]
        }
        return word << 6 | (63 - bits.leadingZeroBitCount)
    }
}
