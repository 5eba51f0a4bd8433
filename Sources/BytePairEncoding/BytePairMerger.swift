/// Splits one pre-tokenized piece into tokens the way tiktoken does: a piece that is a token is
/// that token; otherwise repeatedly merge the adjacent pair whose concatenation has the lowest rank
/// (leftmost on ties) until no pair is a token.
///
/// Short pieces use a flat array (tiktoken's own algorithm); longer ones a binary heap over a
/// linked list, which gives the same merges in O(n log n), so a 10 MB piece is no slower per byte
/// than a short one. Results are remembered in a piece cache (see `PieceCachePool`), so a
/// recurring piece costs one lookup. Not thread-safe: each thread (each encode call) uses its own
/// merger; copies of a merger share its cache and scratch buffers.
public struct BytePairMerger {
    /// Pieces at least this long use the heap.
    @usableFromInline package static let heapThreshold = 40

    @usableFromInline let ranks: MergeableRanks
    /// `ranks`' tables and `lease.cache`, read without reference counting on the per-piece path
    /// (`ranks` and `lease` keep them alive).
    @usableFromInline let storage: MergeableRanks.Table
    @usableFromInline let cache: UnsafeMutablePointer<PieceTokenCache>
    @usableFromInline var parts: [Part] = []
    @usableFromInline let lease: PieceCacheLease
    @usableFromInline var merged: [TokenID] = []
    @usableFromInline let heapScratch = HeapScratch()

    @usableFromInline
    struct Part {
        @usableFromInline var start: Int32
        @usableFromInline var pairRank: UInt32   // rank of this part merged with the next one
        @usableFromInline var selfRank: UInt32   // rank of this part alone
        @inlinable init(start: Int32, pairRank: UInt32, selfRank: UInt32) {
            self.start = start; self.pairRank = pairRank; self.selfRank = selfRank
        }
    }

    /// A merger over `ranks` with a cache of its own. Every single byte must be a token (checked by
    /// the encoders' loaders).
    public init(ranks: MergeableRanks) {
        self.init(ranks: ranks, cache: PieceCachePool(maxCaches: 1))
    }

    /// A merger over `ranks` that uses a cache checked out of `cache` (given back when the merger
    /// and its copies are gone). The pool must only ever serve mergers over the same ranks.
    package init(ranks: MergeableRanks, cache: PieceCachePool) {
        self.ranks = ranks
        storage = ranks.table
        lease = cache.checkOut()
        self.cache = lease.cache
    }

    /// Passes the tokens of `piece`, in order, to `emit`.
    /// - Complexity: O(n²) worst case below `heapThreshold` bytes, O(n log n) above; one cache
    ///   lookup for a piece seen before.
    @inlinable
    public mutating func merge(_ piece: UnsafeBufferPointer<UInt8>, emit: (TokenID) -> Void) {
        let n = piece.count
        guard n > 0, let base = piece.baseAddress else { return }
        if n <= 2 {
            // Every byte is a token: a pair is one token or two bytes.
            let whole = storage.lookup(base, n)
            if whole != .max { emit(whole); return }
            emit(storage.lookup(base, 1))
            emit(storage.lookup(base + 1, 1))
            return
        }
        let cacheable = n <= PieceTokenCache.maxPieceLength
        if cacheable, let hit = cache.pointee.lookup(base, n) {
            for id in hit { emit(id) }
            return
        }
        merged.removeAll(keepingCapacity: true)
        let whole = storage.lookup(base, n)
        if whole != .max {
            merged.append(whole)
        } else if n >= Self.heapThreshold {
            heapScratch.merge(base, n, storage: storage, into: &merged)
        } else {
            mergeFlat(base, n)
        }
        merged.withUnsafeBufferPointer { ids in
            if cacheable { cache.pointee.insert(base, n, ids: ids) }
            for id in ids { emit(id) }
        }
    }

    /// tiktoken's algorithm over a flat array of parts; the tokens go to `merged`.
    @inlinable
    mutating func mergeFlat(_ base: UnsafePointer<UInt8>, _ n: Int) {
        parts.removeAll(keepingCapacity: true)
        var minRank = UInt32.max
        var minIndex = 0
        for i in 0..<(n - 1) {
            let r = storage.lookup(base + i, 2)
            if r < minRank { minRank = r; minIndex = i }
            parts.append(Part(start: Int32(i), pairRank: r, selfRank: storage.lookup(base + i, 1)))
        }
        parts.append(Part(start: Int32(n - 1), pairRank: .max, selfRank: storage.lookup(base + n - 1, 1)))
        parts.append(Part(start: Int32(n), pairRank: .max, selfRank: .max))
        parts.withUnsafeMutableBufferPointer { p in
            var count = p.count
            @inline(__always) func pairRank(_ i: Int) -> UInt32 {
                guard i + 3 < count else { return .max }
                let s = Int(p[i].start)
                return storage.lookup(base + s, Int(p[i + 3].start) - s)
            }
            while minRank != .max {
                let i = minIndex
                if i > 0 { p[i - 1].pairRank = pairRank(i - 1) }
                p[i].selfRank = minRank
                p[i].pairRank = pairRank(i)
                // Remove part i + 1.
                var j = i + 1
                while j + 1 < count { p[j] = p[j + 1]; j += 1 }
                count -= 1
                minRank = .max
                for k in 0..<(count - 1) where p[k].pairRank < minRank {
                    minRank = p[k].pairRank
                    minIndex = k
                }
            }
            for k in 0..<(count - 1) { merged.append(p[k].selfRank) }
        }
    }
}

/// Buffers for the heap merge, reused across pieces. Part `i` is the part starting at byte `i`.
@usableFromInline
final class HeapScratch {
    @usableFromInline struct Entry {
        @usableFromInline var rank: UInt32
        @usableFromInline var start: Int32
        @usableFromInline var end: Int32  // end of the pair when pushed; a changed end means stale
        @inlinable init(rank: UInt32, start: Int32, end: Int32) { self.rank = rank; self.start = start; self.end = end }
        @inlinable @inline(__always) func precedes(_ other: Entry) -> Bool {
            rank != other.rank ? rank < other.rank : start < other.start
        }
    }

    @usableFromInline var capacity = 0
    @usableFromInline var next: UnsafeMutablePointer<Int32> = .allocate(capacity: 1)
    @usableFromInline var previous: UnsafeMutablePointer<Int32> = .allocate(capacity: 1)
    @usableFromInline var partRank: UnsafeMutablePointer<UInt32> = .allocate(capacity: 1)
    @usableFromInline var heap: UnsafeMutablePointer<Entry> = .allocate(capacity: 1)

    @usableFromInline init() {}

    deinit {
        next.deallocate(); previous.deallocate(); partRank.deallocate(); heap.deallocate()
    }

    @usableFromInline
    func reserve(_ n: Int) {
        guard n > capacity else { return }
        next.deallocate(); previous.deallocate(); partRank.deallocate(); heap.deallocate()
        capacity = max(n, capacity * 2)
        next = .allocate(capacity: capacity)
        previous = .allocate(capacity: capacity)
        partRank = .allocate(capacity: capacity)
        heap = .allocate(capacity: 3 * capacity)  // n - 1 initial pairs + at most 2 per merge
    }

    /// Merges `base[0..<n]` (n ≥ 2), appending the tokens to `output`.
    @inlinable
    func merge(_ base: UnsafePointer<UInt8>, _ n: Int, storage: MergeableRanks.Table, into output: inout [TokenID]) {
        reserve(n)
        let next = self.next, previous = self.previous, partRank = self.partRank, heap = self.heap
        var heapCount = 0
        for i in 0..<n {
            next[i] = Int32(i + 1)
            previous[i] = Int32(i - 1)
            partRank[i] = storage.lookup(base + i, 1)
        }
        next[n - 1] = -1

        @inline(__always) func end(of start: Int) -> Int {
            let following = next[start]
            return following < 0 ? n : Int(following)
        }
        @inline(__always) func push(_ start: Int) {
            let second = next[start]
            guard second >= 0 else { return }
            let pairEnd = end(of: Int(second))
            let r = storage.lookup(base + start, pairEnd - start)
            guard r != .max else { return }
            let entry = Entry(rank: r, start: Int32(start), end: Int32(pairEnd))
            var child = heapCount
            heapCount += 1
            while child > 0 {
                let parent = (child - 1) >> 1
                guard entry.precedes(heap[parent]) else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = entry
        }
        @inline(__always) func popMin() -> Entry {
            let top = heap[0]
            heapCount -= 1
            let last = heap[heapCount]
            var parent = 0
            while true {
                var child = 2 * parent + 1
                guard child < heapCount else { break }
                if child + 1 < heapCount && heap[child + 1].precedes(heap[child]) { child += 1 }
                guard heap[child].precedes(last) else { break }
                heap[parent] = heap[child]
                parent = child
            }
            heap[parent] = last
            return top
        }

        for i in 0..<(n - 1) { push(i) }
        while heapCount > 0 {
            let top = popMin()
            let start = Int(top.start)
            // Stale: the part was merged away, or its right neighbour changed since the push.
            guard partRank[start] != .max, next[start] >= 0, end(of: Int(next[start])) == Int(top.end) else { continue }
            let removed = Int(next[start])
            let after = next[removed]
            next[start] = after
            if after >= 0 { previous[Int(after)] = Int32(start) }
            partRank[removed] = .max
            partRank[start] = top.rank
            if previous[start] >= 0 { push(Int(previous[start])) }
            push(start)
        }
        var i = 0
        while i >= 0 {
            output.append(partRank[i])
            i = Int(next[i])
        }
    }
}
