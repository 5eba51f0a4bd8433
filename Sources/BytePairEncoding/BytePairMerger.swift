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
    @usableFromInline let lease: PieceCacheLease
    @usableFromInline var merged: [TokenID] = []
    @usableFromInline let heapScratch = HeapScratch()
    @usableFromInline let batchOutput = TokenBuffer()

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
        guard let base = piece.baseAddress, !piece.isEmpty else { return }
        let ids = withUnsafePointer(to: 0..<piece.count) { whole in
            tokens(ofPieces: UnsafeBufferPointer(start: whole, count: 1), in: base)
        }
        for id in ids { emit(id) }
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
        // The short table's fields, read once, not after every id written: a snapshot, taken
        // again after an insertion may have grown it.
        var short = cache.pointee.short
        let spanEnd = last.upperBound
        for range in pieces {
            let p = base + range.lowerBound
            let n = range.upperBound &- range.lowerBound
            if n <= 2 {
                // Every byte is a token: a pair is one token or two bytes.
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
            if n <= ShortPieceTable.maxPieceLength {
                // One load gives the key when the 8 bytes at the piece are inside the pieces' span.
                lookups &+= 1
                let key = range.lowerBound &+ 8 <= spanEnd
                    ? ShortPieceTable.key(within: p, n) : ShortPieceTable.key(p, n)
                var count = -1
                if ShortPieceTable.holds(n, key: key) {
                    let ids = short.ids(key: key)
                    if ids != 0 {
                        // One store for both ids; a second one past a single id is overwritten next.
                        UnsafeMutableRawPointer(out + written).storeBytes(of: ids, as: UInt64.self)
                        count = ShortPieceTable.idCount(ids)
                    } else if cache.pointee.shortPiecesInGeneral != 0 {
                        count = cache.pointee.writeGeneralIDs(p, n, to: out + written)
                    }
                } else {
                    count = cache.pointee.writeGeneralIDs(p, n, to: out + written)
                }
                if count >= 0 {
                    hits &+= 1
                    written &+= count
                    continue
                }
            } else if n <= 16 {
                // The general table's inline keys, from two loads when the 16 bytes at the piece
                // are inside the pieces' span.
                lookups &+= 1
                let k1 = range.lowerBound &+ 16 <= spanEnd
                    ? ByteWords.load(p, 8) & (UInt64.max &>> UInt64((16 &- n) &* 8)) : ByteWords.tail(p, from: 8, length: n)
                let count = cache.pointee.writeIDs(k0: ByteWords.load(p, 0), k1: k1, n, to: out + written)
                if count >= 0 {
                    hits &+= 1
                    written &+= count
                    continue
                }
            } else if n <= PieceTokenCache.maxPieceLength {
                lookups &+= 1
                let count = cache.pointee.writeIDs(p, n, to: out + written)
                if count >= 0 {
                    hits &+= 1
                    written &+= count
                    continue
                }
            }
            mergeUncached(p, n)
            short = cache.pointee.short
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

    /// tiktoken's algorithm over flat arrays of parts (n ≥ 2); the tokens go to `merged`.
    ///
    /// Three arrays side by side: where each part starts (and where the piece ends), the rank of
    /// each part merged with the next, and the rank of each part. The lowest pair rank is found
    /// by a branch-free scan, then its first position.
    @inlinable
    mutating func mergeFlat(_ base: UnsafePointer<UInt8>, _ n: Int) {
        let storage = self.storage
        let memo = cache.pointee.pairRanks
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 3 * (n + 1)) { buffer in
            guard let starts = buffer.baseAddress else { return }
            let pairRanks = starts + (n + 1)
            let partRanks = pairRanks + (n + 1)
            for i in 0..<n {
                starts[i] = UInt32(truncatingIfNeeded: i)
                partRanks[i] = storage.lookup(base + i, 1)
            }
            starts[n] = UInt32(truncatingIfNeeded: n)
            partRanks[n] = .max
            for i in 0..<(n - 1) { pairRanks[i] = storage.lookup(base + i, 2) }
            pairRanks[n - 1] = .max
            pairRanks[n] = .max
            @inline(__always) func rank(from first: Int, to last: Int) -> UInt32 {
                let start = Int(starts[first])
                return storage.lookup(base + start, Int(starts[last]) - start)
            }
            var count = n
            while count > 1 {
                var lowest = UInt32.max
                for k in 0..<(count - 1) { lowest = min(lowest, pairRanks[k]) }
                guard lowest != .max else { break }
                var i = 0
                while pairRanks[i] != lowest { i += 1 }
                // Parts i and i + 1 become one; its pairs with its neighbours, before the removal.
                let left = i > 0 ? memo.rank(partRanks[i - 1], lowest) { rank(from: i - 1, to: i + 2) } : .max
                let right = i + 2 < count ? memo.rank(lowest, partRanks[i + 2]) { rank(from: i, to: i + 3) } : .max
                partRanks[i] = lowest
                for k in (i + 1)..<count {
                    starts[k] = starts[k + 1]
                    partRanks[k] = partRanks[k + 1]
                    pairRanks[k] = pairRanks[k + 1]
                }
                count -= 1
                if i > 0 { pairRanks[i - 1] = left }
                pairRanks[i] = right
            }
            merged.append(contentsOf: UnsafeBufferPointer(start: partRanks, count: count))
        }
    }
}
