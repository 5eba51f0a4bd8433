/// Heap memory owned by the runtime (for weights that had to be converted or transposed).
/// Immutable after initialisation, so sharing it between threads is safe.
final class OwnedBuffer: @unchecked Sendable {
    let bytes: UnsafeMutableRawPointer
    let count: Int

    /// Allocates `count` bytes aligned to 64 and lets `initialize` fill them.
    init(count: Int, initialize: (UnsafeMutableRawPointer) throws -> Void) rethrows {
        self.bytes = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 64)
        self.count = count
        do {
            try initialize(bytes)
        } catch {
            bytes.deallocate()
            throw error
        }
    }

    deinit { bytes.deallocate() }
}
