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
    @usableFromInline let batchOutput = TokenBuffer()

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
        if n <= PieceTokenCache.maxPieceLength, let hit = cache.pointee.lookup(base, n) {
            for id in hit { emit(id) }
            return
        }
        mergeUncached(base, n)
        for id in merged { emit(id) }
    }

    /// The tokens of the pieces `base[range]` for each range in `pieces`, in order (what `merge`
    /// gives for each). The buffer is valid until the next call on this merger or its copies.
    @inlinable
    public mutating func tokens(
        ofPieces pieces: UnsafeBufferPointer<Range<Int>>, in base: UnsafePointer<UInt8>
    ) -> UnsafeBufferPointer<TokenID> {
        guard let first = pieces.first, let last = pieces.last else { return UnsafeBufferPointer(start: nil, count: 0) }
        // A piece has at most one token per byte; a cache hit writes up to two more.
        batchOutput.reserve(last.upperBound - first.lowerBound + 2)
        let out = batchOutput.start
        var written = 0
        var lookups = 0
        var hits = 0
        defer {
            cache.pointee.lookups &+= lookups
            cache.pointee.hits &+= hits
        }
        for range in pieces {
            let p = base + range.lowerBound
            let n = range.upperBound &- range.lowerBound
            if n <= 2 {
                guard n > 0 else { continue }
                let whole = storage.lookup(p, n)
                if whole != .max {
                    out[written] = whole
                    written &+= 1
                } else {
                    out[written] = storage.lookup(p, 1)
                    out[written &+ 1] = storage.lookup(p + 1, 1)
                    written &+= 2
                }
                continue
            }
            if n <= PieceTokenCache.maxPieceLength {
                lookups &+= 1
                let count = cache.pointee.writeIDs(p, n, to: out + written)
                if count >= 0 {
                    hits &+= 1
                    written &+= count
                    continue
                }
            }
            mergeUncached(p, n)
            for id in merged {
                out[written] = id
                written &+= 1
            }
        }
        return UnsafeBufferPointer(start: out, count: written)
    }

    /// Merges a piece of three bytes or more that the cache does not hold: the tokens go to
    /// `merged`, and into the cache when the piece is short enough.
    @inlinable
    mutating func mergeUncached(_ base: UnsafePointer<UInt8>, _ n: Int) {
        merged.removeAll(keepingCapacity: true)
        let whole = storage.lookup(base, n)
        if whole != .max {
            merged.append(whole)
        } else if n >= Self.heapThreshold {
            heapScratch.merge(base, n, storage: storage, into: &merged)
        } else {
            mergeFlat(base, n)
        }
        if n <= PieceTokenCache.maxPieceLength {
            merged.withUnsafeBufferPointer { ids in cache.pointee.insert(base, n, ids: ids) }
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
