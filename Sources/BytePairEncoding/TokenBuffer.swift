/// A growable buffer of token ids that a merger fills for a batch of pieces and hands out as an
/// `UnsafeBufferPointer`, without an array's per-append checks. Reused across batches.
@usableFromInline
final class TokenBuffer {
    @usableFromInline var start: UnsafeMutablePointer<TokenID>
    @usableFromInline var capacity: Int

    @usableFromInline init() {
        capacity = 1024
        start = .allocate(capacity: capacity)
    }

    deinit { start.deallocate() }

    /// Makes room for at least `count` ids (the contents are not kept).
    @inlinable @inline(__always)
    func reserve(_ count: Int) {
        if count > capacity { grow(to: count) }
    }

    @usableFromInline
    func grow(to count: Int) {
        start.deallocate()
        capacity = max(count, capacity * 2)
        start = .allocate(capacity: capacity)
    }
}
