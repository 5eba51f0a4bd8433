import Dispatch

/// `transform` of every item, run on all cores; results in input order. The first error in input
/// order is rethrown.
package func concurrentMap<T: Sendable, R>(_ items: [T], _ transform: (T) throws -> R) throws -> [R] {
    guard items.count > 1 else { return try items.map(transform) }
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
    return try results.map { result in
        guard let result else { preconditionFailure("concurrentPerform ran every iteration") }
        return try result.get()
    }
}

/// Wraps a value shared across threads in a way the compiler cannot check (disjoint writes).
package struct UncheckedSendableBox<Value>: @unchecked Sendable {
    package let value: Value
    package init(_ value: Value) { self.value = value }
}
