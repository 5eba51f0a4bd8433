import BytePairEncoding
import Dispatch

extension TiktokenEncoding {
    /// `encodeOrdinary` of every text, on all cores; results are in input order.
    public func encodeOrdinaryBatch(_ texts: [String]) throws -> [[TokenID]] {
        try parallelMap(texts) { try encodeOrdinary($0) }
    }

    /// `encode` of every text, on all cores; results are in input order. The first error (in input
    /// order) is thrown.
    public func encodeBatch(
        _ texts: [String],
        allowedSpecial: SpecialTokenSelection = .none,
        disallowedSpecial: SpecialTokenSelection = .all
    ) throws -> [[TokenID]] {
        try parallelMap(texts) { try encode($0, allowedSpecial: allowedSpecial, disallowedSpecial: disallowedSpecial) }
    }
}

/// Maps `items` with `transform` concurrently, keeping input order; rethrows the first error.
func parallelMap<T: Sendable, R>(_ items: [T], _ transform: (T) throws -> R) throws -> [R] {
    var results = [Result<R, any Error>?](repeating: nil, count: items.count)
    results.withUnsafeMutableBufferPointer { buffer in
        let slots = UncheckedSendableBox(buffer)
        withoutActuallyEscaping(transform) { transform in
            let work = UncheckedSendableBox(transform)
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                // Each iteration writes only its own slot.
                slots.value[index] = Result { try work.value(items[index]) }
            }
        }
    }
    return try results.map { try $0!.get() }
}

/// Wraps a value that is shared across threads in a way the compiler cannot check (disjoint writes).
struct UncheckedSendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
