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
