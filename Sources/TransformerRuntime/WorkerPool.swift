import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Threads that stay awake between the kernels of a forward pass, so that splitting a
/// 50-microsecond matrix-vector product over the cores does not wait for a sleeping thread to be
/// scheduled (which takes tens of microseconds on a virtual machine: long enough that
/// `DispatchQueue.concurrentPerform` gave decoding no speed-up on two cores).
///
/// A job is a number of chunks; the calling thread and the workers take chunks from a shared
/// counter until none is left. After a job, workers spin for a millisecond waiting for the next
/// one, then sleep until woken. One job runs at a time; a caller that finds the pool busy (a
/// second generation on another thread) gets `false` and runs its own way.
@available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *)
final class WorkerPool: @unchecked Sendable {
    /// One job's chunk counters. Workers read `body` only for a chunk index below `chunkCount`,
    /// which the caller is still waiting for, so `body` never outlives `run`.
    private final class Job: @unchecked Sendable {
        let chunkCount: Int
        let participants: Int
        let body: UnsafeRawPointer
        let next = Atomic<Int>(0)
        let joined = Atomic<Int>(0)
        let completed = Atomic<Int>(0)

        init(chunkCount: Int, participants: Int, body: UnsafeRawPointer) {
            self.chunkCount = chunkCount
            self.participants = participants
            self.body = body
        }

        /// Runs chunks until none is left.
        func work() {
            while true {
                let chunk = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard chunk < chunkCount else { return }
                body.assumingMemoryBound(to: ((Int) -> Void).self).pointee(chunk)
                completed.wrappingAdd(1, ordering: .releasing)
            }
        }
    }

    /// The pool for this machine: one worker per online processor but the caller's.
    static let shared = WorkerPool(workerCount: max(0, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) - 1))

    /// How long an idle worker spins before it sleeps.
    static let spinNanoseconds: UInt64 = 1_000_000

    let workerCount: Int
    private let generation = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    private let sleepers = Atomic<Int>(0)
    private let current = Mutex<Job?>(nil)
    private let wake = DispatchSemaphore(value: 0)

    private init(workerCount: Int) {
        self.workerCount = workerCount
        for _ in 0..<workerCount {
            Thread.start { [self] in workerLoop() }
        }
    }

    /// Runs `body(chunk)` for every chunk in `0..<chunkCount` on the caller and up to
    /// `threadCount − 1` workers, and returns when all have run; false (nothing run) when the
    /// pool is busy with another caller's job.
    func run(chunkCount: Int, threadCount: Int, _ body: (Int) -> Void) -> Bool {
        guard workerCount > 0, busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            return false
        }
        defer { busy.store(false, ordering: .releasing) }
        withoutActuallyEscaping(body) { escapable in
            withUnsafePointer(to: escapable) { pointer in
                let job = Job(
                    chunkCount: chunkCount, participants: min(threadCount - 1, workerCount),
                    body: UnsafeRawPointer(pointer))
                current.withLock { $0 = job }
                generation.wrappingAdd(1, ordering: .releasing)
                let sleeping = sleepers.exchange(0, ordering: .acquiringAndReleasing)
                for _ in 0..<sleeping { wake.signal() }
                job.work()
                // A worker still on a chunk may have been preempted by another process: now and
                // then, give the core up so that it can finish (a no-op on an idle machine).
                var spins = 0
                while job.completed.load(ordering: .acquiring) < chunkCount {
                    spins &+= 1
                    if spins & 1023 == 0 { sched_yield() }
                }
                current.withLock { $0 = nil }
            }
        }
        return true
    }

    private func workerLoop() {
        var seen = generation.load(ordering: .acquiring)
        while true {
            var spinStart: UInt64 = 0
            var spins = 0
            while generation.load(ordering: .acquiring) == seen {
                spins += 1
                if spins & 255 != 0 { continue }
                // Let other runnable threads (the caller's, another process's) have the core.
                sched_yield()
                let now = DispatchTime.now().uptimeNanoseconds
                if spinStart == 0 {
                    spinStart = now
                } else if now - spinStart > Self.spinNanoseconds {
                    sleepers.wrappingAdd(1, ordering: .acquiringAndReleasing)
                    // A job published after this check finds us counted and signals.
                    if generation.load(ordering: .acquiring) == seen { wake.wait() }
                    spinStart = 0
                }
            }
            seen = generation.load(ordering: .acquiring)
            guard let job = current.withLock({ $0 }) else { continue }
            if job.joined.wrappingAdd(1, ordering: .relaxed).oldValue < job.participants {
                job.work()
            }
        }
    }
}

/// A detached POSIX thread running a closure (the runtime avoids Foundation's `Thread`).
private enum Thread {
    private final class Box {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    static func start(_ body: @escaping () -> Void) {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let status = pthread_create(&thread, nil, { argument in
            #if canImport(Darwin)
            let box = Unmanaged<Box>.fromOpaque(argument).takeRetainedValue()
            #else
            let box = Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue()
            #endif
            box.body()
            return nil
        }, box)
        if status == 0 {
            #if canImport(Darwin)
            if let thread { pthread_detach(thread) }
            #else
            pthread_detach(thread)
            #endif
        } else {
            Unmanaged<Box>.fromOpaque(box).release()
        }
    }
}
