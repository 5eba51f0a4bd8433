import Dispatch
import Foundation

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

/// `transform` of every item on `threads` threads (1: on this one); results in input order. Workers
/// take items in small runs from a shared counter, so uneven items still share the work. The
/// first error in input order is rethrown.
package func concurrentMap<T: Sendable, R>(_ items: [T], threads: Int, _ transform: (T) throws -> R) throws -> [R] {
    guard threads > 1, items.count > 1 else { return try items.map(transform) }
    var results = [Result<R, any Error>?](repeating: nil, count: items.count)
    let next = WorkCounter()
    let run = max(1, items.count / (threads * 16))
    results.withUnsafeMutableBufferPointer { buffer in
        let slots = UncheckedSendableBox(buffer)
        withoutActuallyEscaping(transform) { transform in
            let work = UncheckedSendableBox(transform)
            DispatchQueue.concurrentPerform(iterations: min(threads, items.count)) { _ in
                while true {
                    let start = next.take(run)
                    guard start < items.count else { return }
                    for index in start..<min(start + run, items.count) {
                        slots.value[index] = Result { try work.value(items[index]) }
                    }
                }
            }
        }
    }
    return try results.map { result in
        guard let result else { preconditionFailure("every item was taken by a worker") }
        return try result.get()
    }
}

/// A shared counter from which workers take runs of item indices.
private final class WorkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(_ count: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let start = value
        value += count
        return start
    }
}

/// Wraps a value shared across threads in a way the compiler cannot check (disjoint writes).
package struct UncheckedSendableBox<Value>: @unchecked Sendable {
    package let value: Value
    package init(_ value: Value) { self.value = value }
}
