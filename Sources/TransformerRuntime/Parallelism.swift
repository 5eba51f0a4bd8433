import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How many threads the runtime's kernels may use, and the rule for splitting work among them.
public struct Parallelism: Sendable, Equatable {
    /// The most threads a kernel uses at once (1 runs everything on the calling thread).
    public var threadCount: Int

    /// Work (in multiply-adds) below which a kernel stays on the calling thread: spreading it
    /// over threads would cost more than it saves.
    static let serialWorkLimit = 1 << 16

    /// Uses `threadCount` threads (at least 1).
    public init(threadCount: Int) {
        self.threadCount = max(1, threadCount)
    }

    /// One thread per online processor.
    public static var allProcessors: Parallelism {
        Parallelism(threadCount: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// A single thread.
    public static let serial = Parallelism(threadCount: 1)

    /// Calls `body(range)` for consecutive ranges covering `0..<count`, concurrently when
    /// `count · workPerItem` is large enough, and returns when all calls have returned.
    /// `body` must only write memory that belongs to its own range.
    ///
    /// The ranges run on the calling thread and the spinning workers of `WorkerPool`, which take
    /// them one by one (so a core slowed by another process takes fewer); when the pool is busy
    /// with another caller, on `DispatchQueue.concurrentPerform`.
    func forEachRange(count: Int, workPerItem: Int, _ body: @Sendable (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let totalWork = count &* max(workPerItem, 1)
        guard threadCount > 1, count > 1, totalWork >= Parallelism.serialWorkLimit else {
            body(0..<count)
            return
        }
        // A few chunks per thread even out uneven progress; never fewer items than needed
        // to amortise a dispatch.
        let minimumItems = max(1, Parallelism.serialWorkLimit / 4 / max(workPerItem, 1))
        let chunkCount = min(threadCount * 4, max(1, count / minimumItems))
        guard chunkCount > 1 else {
            body(0..<count)
            return
        }
        let chunkSize = (count + chunkCount - 1) / chunkCount
        if #available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *),
           WorkerPool.shared.run(chunkCount: chunkCount, threadCount: threadCount, { chunk in
               let start = chunk * chunkSize
               let end = min(start + chunkSize, count)
               if start < end { body(start..<end) }
           })
        {
            return
        }
        let workers = min(threadCount, chunkCount)
        // Each worker takes every `workers`-th chunk, so at most `threadCount` run at once.
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var chunk = worker
            while chunk < chunkCount {
                let start = chunk * chunkSize
                let end = min(start + chunkSize, count)
                if start < end { body(start..<end) }
                chunk += workers
            }
        }
    }
}
