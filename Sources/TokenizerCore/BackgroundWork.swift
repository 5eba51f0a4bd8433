import Dispatch

/// Work started on a global queue now, whose result this thread takes later with `wait()`.
package final class BackgroundWork<Output: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the worker before `done` is signalled, read only after waiting on it.
    private var result: Result<Output, any Error> = .failure(CancellationError())

    /// Starts `work` on a global queue of quality `qos`.
    package init(qos: DispatchQoS.QoSClass = .default, _ work: @escaping @Sendable () throws -> Output) {
        DispatchQueue.global(qos: qos).async { [self] in
            result = Result { try work() }
            done.signal()
        }
    }

    /// The result, after waiting for the work to end; rethrows what the work threw. Call it once.
    package func wait() throws -> Output {
        done.wait()
        return try result.get()
    }
}
