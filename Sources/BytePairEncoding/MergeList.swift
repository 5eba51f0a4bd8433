/// The ordered merge rules of a Hugging Face BPE model: rule `i` joins the adjacent pair
/// `(left, right)` into `result`, and lower `i` merges first. Immutable and safe to share.
public struct MergeList: Sendable {
    @usableFromInline let storage: Storage

    /// The number of rules.
    public var count: Int { storage.count }

    /// Builds the table; rule `i` is `rules[i]`. A pair given twice keeps its last rank, as the
    /// reference does when it builds its map.
    /// - Complexity: O(n).
    public init(_ rules: [(left: TokenID, right: TokenID, result: TokenID)]) {
        storage = Storage(rules)
    }

    /// The rank and result of the rule for `(left, right)`, or nil.
    @inlinable @inline(__always)
    public func rule(_ left: TokenID, _ right: TokenID) -> (rank: UInt32, result: TokenID)? {
        let v = storage.lookup(UInt64(left) << 32 | UInt64(right))
        return v == .max ? nil : (UInt32(truncatingIfNeeded: v >> 32), TokenID(truncatingIfNeeded: v))
    }

    @usableFromInline
    final class Storage: @unchecked Sendable {
        // Immutable after init.
        @usableFromInline let keys: UnsafeMutablePointer<UInt64>    // pair + 1 (0 = empty)
        @usableFromInline let values: UnsafeMutablePointer<UInt64>  // rank << 32 | result
        @usableFromInline let mask: Int
        let count: Int

        init(_ rules: [(left: TokenID, right: TokenID, result: TokenID)]) {
            var capacity = 16
            while capacity < rules.count * 2 { capacity <<= 1 }
            mask = capacity - 1
            keys = .allocate(capacity: capacity)
            keys.initialize(repeating: 0, count: capacity)
            values = .allocate(capacity: capacity)
            values.initialize(repeating: 0, count: capacity)
            var stored = 0
            for (rank, rule) in rules.enumerated() {
                let key = (UInt64(rule.left) << 32 | UInt64(rule.right)) &+ 1
                var index = Self.slot(key) & mask
                while keys[index] != 0 && keys[index] != key { index = (index + 1) & mask }
                if keys[index] == 0 { stored += 1 }
                keys[index] = key
                values[index] = UInt64(rank) << 32 | UInt64(rule.result)
            }
            count = stored
        }

        deinit {
            keys.deallocate()
            values.deallocate()
        }

        @inlinable @inline(__always)
        static func slot(_ key: UInt64) -> Int {
            var h = key ^ (key >> 31)
            h = h &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 32
            h = h &* 0xD6E8_FEB8_6659_FD93
            h ^= h >> 29
            return Int(truncatingIfNeeded: h)
        }

        /// `rank << 32 | result` for `pair`, or `UInt64.max`.
        @inlinable @inline(__always)
        func lookup(_ pair: UInt64) -> UInt64 {
            let key = pair &+ 1
            var index = Self.slot(key) & mask
            while true {
                let k = keys[index]
                if k == key { return values[index] }
                if k == 0 { return .max }
                index = (index + 1) & mask
            }
        }
    }
}

/// Applies a `MergeList` to a word the way Hugging Face's BPE model does: repeatedly take the rule
/// with the lowest rank among adjacent pairs (leftmost on ties) from a priority queue, skipping
/// entries made stale by earlier merges. Not thread-safe: each thread uses its own merger.
public struct MergeListMerger {
    @usableFromInline let merges: MergeList
    @usableFromInline var ids: [TokenID] = []
    @usableFromInline var next: [Int32] = []
    @usableFromInline var previous: [Int32] = []
    @usableFromInline var heap: [UInt64] = []   // rank << 32 | position: the minimum is the next merge
    @usableFromInline let lease: PieceCacheLease
    @usableFromInline var word: [TokenID] = []

    /// A merger for `merges` with a piece cache of its own.
    public init(merges: MergeList) {
        self.init(merges: merges, cache: PieceCachePool(maxCaches: 1))
    }

    /// A merger for `merges` whose byte-level words are cached in a cache checked out of `cache`.
    /// The pool must only ever serve this merge list with the same byte ids.
    package init(merges: MergeList, cache: PieceCachePool) {
        self.merges = merges
        lease = cache.checkOut()
    }

    /// Merges the byte-level word `piece`, whose bytes are first mapped to `byteIDs`, and emits
    /// its tokens; remembers them in the cache. Returns false (emitting nothing) when a byte has no
    /// id (`UInt32.max` in `byteIDs`).
    public mutating func merge(bytes piece: UnsafeBufferPointer<UInt8>, byteIDs: [TokenID], emit: (TokenID) -> Void) -> Bool {
        guard let base = piece.baseAddress, !piece.isEmpty else { return true }
        let n = piece.count
        let cache = lease.cache
        let cacheable = n <= PieceTokenCache.maxPieceLength
        if cacheable, let hit = cache.pointee.lookup(base, n) {
            for id in hit { emit(id) }
            return true
        }
        var symbols = word
        word = []
        defer { word = symbols }
        symbols.removeAll(keepingCapacity: true)
        for b in piece {
            let id = byteIDs[Int(b)]
            if id == .max { return false }
            symbols.append(id)
        }
        merge(&symbols)
        symbols.withUnsafeBufferPointer { ids in
            if cacheable { cache.pointee.insert(base, n, ids: ids) }
            for id in ids { emit(id) }
        }
        return true
    }

    /// Merges `symbols` in place.
    /// - Complexity: O(n log n).
    public mutating func merge(_ symbols: inout [TokenID]) {
        guard symbols.count > 1 else { return }
        mergeInPlace(symbols)
        symbols.removeAll(keepingCapacity: true)
        var i = 0
        while i >= 0 {
            symbols.append(ids[i])
            i = Int(next[i])
        }
    }

    /// Merges `symbols` in place and sets `startPositions` to the index in the original `symbols` of
    /// the first symbol each merged token is made of.
    /// - Complexity: O(n log n).
    public mutating func merge(_ symbols: inout [TokenID], startPositions: inout [Int]) {
        startPositions.removeAll(keepingCapacity: true)
        guard symbols.count > 1 else {
            if !symbols.isEmpty { startPositions.append(0) }
            return
        }
        mergeInPlace(symbols)
        symbols.removeAll(keepingCapacity: true)
        var i = 0
        while i >= 0 {
            symbols.append(ids[i])
            startPositions.append(i)
            i = Int(next[i])
        }
    }

    /// Runs the merges over `symbols` (at least two), leaving the result as the linked list from
    /// position 0 through `ids` and `next`.
    @usableFromInline
    mutating func mergeInPlace(_ symbols: [TokenID]) {
        let n = symbols.count
        ids = symbols
        next.removeAll(keepingCapacity: true)
        previous.removeAll(keepingCapacity: true)
        heap.removeAll(keepingCapacity: true)
        for i in 0..<n {
            next.append(i + 1 < n ? Int32(i + 1) : -1)
            previous.append(Int32(i - 1))
        }
        for i in 0..<(n - 1) {
            if let rule = merges.rule(ids[i], ids[i + 1]) { push(rule.rank, i) }
        }
        var removed = [Bool](repeating: false, count: n)
        while let top = popMin() {
            let position = Int(truncatingIfNeeded: top & 0xFFFF_FFFF)
            let rank = UInt32(truncatingIfNeeded: top >> 32)
            guard !removed[position], next[position] >= 0 else { continue }
            let right = Int(next[position])
            // Stale: the pair at this position no longer has this rule.
            guard let rule = merges.rule(ids[position], ids[right]), rule.rank == rank else { continue }
            ids[position] = rule.result
            removed[right] = true
            let after = next[right]
            next[position] = after
            if after >= 0 { previous[Int(after)] = Int32(position) }
            let before = previous[position]
            if before >= 0, let r = merges.rule(ids[Int(before)], ids[position]) { push(r.rank, Int(before)) }
            if after >= 0, let r = merges.rule(ids[position], ids[Int(after)]) { push(r.rank, position) }
        }
    }

    @inline(__always)
    mutating func push(_ rank: UInt32, _ position: Int) {
        heap.append(UInt64(rank) << 32 | UInt64(position))
        var child = heap.count - 1
        let entry = heap[child]
        while child > 0 {
            let parent = (child - 1) >> 1
            guard entry < heap[parent] else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = entry
    }

    @inline(__always)
    mutating func popMin() -> UInt64? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last }
        let top = heap[0]
        var parent = 0
        let count = heap.count
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count && heap[child + 1] < heap[child] { child += 1 }
            guard heap[child] < last else { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = last
        return top
    }
}
