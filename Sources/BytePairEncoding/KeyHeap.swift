/// A binary min-heap of 64-bit keys in memory of its own, for `HeapScratch`: filled unordered,
/// heapified once, then popped and pushed. When a push finds it full, it first sweeps out the keys
/// its caller no longer wants, and grows only if that frees nothing.
struct KeyHeap {
    private var keys: UnsafeMutablePointer<UInt64> = .allocate(capacity: 1)
    private var capacity = 1
    private(set) var count = 0
    /// How many pushes found the heap full and swept it.
    private(set) var sweeps = 0

    /// Empties the heap and makes room for `keys` keys without another allocation.
    mutating func reset(room: Int) {
        count = 0
        guard room > capacity else { return }
        keys.deallocate()
        capacity = max(room, capacity + capacity / 2)
        keys = .allocate(capacity: capacity)
    }

    func deallocate() { keys.deallocate() }

    /// Adds a key without keeping heap order (before `heapify`); the room must be there.
    @inline(__always) mutating func appendUnordered(_ key: UInt64) {
        keys[count] = key
        count += 1
    }

    mutating func heapify() {
        var i = count / 2
        while i > 0 {
            i -= 1
            siftDown(keys[i], from: i)
        }
    }

    /// Removes and returns the smallest key (`count` > 0).
    @inline(__always) mutating func popMin() -> UInt64 {
        let top = keys[0]
        count -= 1
        if count > 0 { siftDown(keys[count], from: 0) }
        return top
    }

    /// Adds `key`; when the heap is full, first drops every key `isWanted` rejects.
    @inline(__always) mutating func push(_ key: UInt64, keeping isWanted: (UInt64) -> Bool) {
        if count == capacity { sweep(keeping: isWanted) }
        var child = count
        count += 1
        while child > 0 {
            let parent = (child - 1) >> 1
            guard key < keys[parent] else { break }
            keys[child] = keys[parent]
            child = parent
        }
        keys[child] = key
    }

    private mutating func sweep(keeping isWanted: (UInt64) -> Bool) {
        sweeps += 1
        var kept = 0
        for k in 0..<count where isWanted(keys[k]) {
            keys[kept] = keys[k]
            kept += 1
        }
        count = kept
        heapify()
        if count == capacity {
            let larger = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * capacity)
            larger.update(from: keys, count: count)
            keys.deallocate()
            keys = larger
            capacity *= 2
        }
    }

    @inline(__always) private func siftDown(_ key: UInt64, from index: Int) {
        var parent = index
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count && keys[child + 1] < keys[child] { child += 1 }
            guard keys[child] < key else { break }
            keys[parent] = keys[child]
            parent = child
        }
        keys[parent] = key
    }
}
