/// Splits one pre-tokenized piece into tokens the way tiktoken does: repeatedly merge the adjacent
/// pair whose concatenation has the lowest rank (leftmost on ties) until no pair is a token.
///
/// Short pieces use a flat array (tiktoken's own algorithm); long ones a binary heap over a linked
/// list, which gives the same merges in O(n log n), so a 10 MB piece is no slower per byte than a
/// short one. Not thread-safe: each thread uses its own merger (it owns scratch buffers).
public struct BytePairMerger {
    /// Pieces at least this long use the heap.
    public static let heapThreshold = 128

    @usableFromInline let ranks: MergeableRanks
    @usableFromInline var parts: [Part] = []
    @usableFromInline var heap: [HeapEntry] = []
    @usableFromInline var next: [Int32] = []
    @usableFromInline var previous: [Int32] = []
    @usableFromInline var partRank: [UInt32] = []

    @usableFromInline
    struct Part {
        @usableFromInline var start: Int32
        @usableFromInline var pairRank: UInt32   // rank of this part merged with the next one
        @usableFromInline var selfRank: UInt32   // rank of this part alone
        @inlinable init(start: Int32, pairRank: UInt32, selfRank: UInt32) {
            self.start = start; self.pairRank = pairRank; self.selfRank = selfRank
        }
    }

    @usableFromInline
    struct HeapEntry {
        @usableFromInline var rank: UInt32
        @usableFromInline var start: Int32
        @usableFromInline var end: Int32  // end of the pair when it was pushed (detects stale entries)
        @inlinable init(rank: UInt32, start: Int32, end: Int32) { self.rank = rank; self.start = start; self.end = end }
        @inlinable func precedes(_ other: HeapEntry) -> Bool {
            rank != other.rank ? rank < other.rank : start < other.start
        }
    }

    /// A merger over `ranks`. Every single byte must be a token (checked by the encoders' loaders).
    public init(ranks: MergeableRanks) {
        self.ranks = ranks
    }

    /// Appends the tokens of `piece` to `output` through `emit`.
    /// - Complexity: O(n²) worst case below `heapThreshold` bytes, O(n log n) above.
    @inlinable
    public mutating func merge(_ piece: UnsafeBufferPointer<UInt8>, emit: (TokenID) -> Void) {
        let n = piece.count
        guard n > 0, let base = piece.baseAddress else { return }
        if n == 1 {
            emit(ranks.storage.lookup(base, 1))
            return
        }
        if n >= Self.heapThreshold {
            mergeWithHeap(base, n, emit: emit)
            return
        }
        let storage = ranks.storage
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
            for k in 0..<(count - 1) { emit(p[k].selfRank) }
        }
    }

    @usableFromInline
    mutating func mergeWithHeap(_ base: UnsafePointer<UInt8>, _ n: Int, emit: (TokenID) -> Void) {
        let storage = ranks.storage
        // Parts are identified by their start byte; next/previous link live parts, -1 ends a list.
        next = Array(repeating: -1, count: n)
        previous = Array(repeating: -1, count: n)
        partRank = Array(repeating: 0, count: n)
        heap.removeAll(keepingCapacity: true)
        for i in 0..<n {
            next[i] = i + 1 < n ? Int32(i + 1) : -1
            previous[i] = Int32(i - 1)
            partRank[i] = storage.lookup(base + i, 1)
        }
        func end(of start: Int) -> Int { next[start] < 0 ? n : Int(next[start]) }
        func push(_ start: Int) {
            let second = next[start]
            guard second >= 0 else { return }
            let pairEnd = end(of: Int(second))
            let r = storage.lookup(base + start, pairEnd - start)
            guard r != .max else { return }
            heap.append(HeapEntry(rank: r, start: Int32(start), end: Int32(pairEnd)))
            siftUp(heap.count - 1)
        }
        for i in 0..<(n - 1) { push(i) }
        while let top = popMin() {
            let start = Int(top.start)
            // Stale: the part was merged away or its right neighbour changed since the push.
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
        while i >= 0 && i < n {
            emit(partRank[i])
            i = Int(next[i])
        }
    }

    @usableFromInline
    mutating func siftUp(_ index: Int) {
        var child = index
        let entry = heap[child]
        while child > 0 {
            let parent = (child - 1) >> 1
            guard entry.precedes(heap[parent]) else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = entry
    }

    @usableFromInline
    mutating func popMin() -> HeapEntry? {
        guard let last = heap.popLast() else { return nil }
        guard !heap.isEmpty else { return last }
        let top = heap[0]
        var parent = 0
        let count = heap.count
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count && heap[child + 1].precedes(heap[child]) { child += 1 }
            guard heap[child].precedes(last) else { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = last
        return top
    }
}
