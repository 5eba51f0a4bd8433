#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The piece caches of one loaded tokenizer, kept across encode calls and shared by the threads
/// that encode with it.
///
/// An encode call checks a cache out (`checkOut()`, one lock), uses it alone without any locking,
/// and gives it back when the returned lease is released. Concurrent calls get different caches,
/// so there are as many caches as calls that ever ran at the same time (at most `maxCaches`
/// are kept; more are freed when given back). Each cache is bounded by `capBytesPerCache`.
/// The caches remember exact results only, so output never depends on their state.
package final class PieceCachePool: @unchecked Sendable {
    /// The default size cap of one cache.
    package static let defaultCapBytesPerCache = 16 << 20

    /// The size cap of each cache.
    package let capBytesPerCache: Int
    /// The most caches kept for reuse.
    package let maxCaches: Int
    // Guarded by `mutex`.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var idle: [UnsafeMutablePointer<PieceTokenCache>] = []
    private var freedLookups = 0
    private var freedHits = 0
    private var freedClears = 0

    /// A pool whose caches hold at most `capBytesPerCache` bytes each, keeping at most `maxCaches`
    /// of them (default: one per processor).
    package init(capBytesPerCache: Int = PieceCachePool.defaultCapBytesPerCache, maxCaches: Int? = nil) {
        self.capBytesPerCache = capBytesPerCache
        self.maxCaches = max(1, maxCaches ?? Self.processorCount)
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        // Every lease holds the pool, so all caches are idle here.
        for cache in idle {
            cache.pointee.release()
            cache.deinitialize(count: 1)
            cache.deallocate()
        }
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    private static var processorCount: Int {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 8
        #endif
    }

    /// A cache for the calling thread's exclusive use until the lease is released.
    package func checkOut() -> PieceCacheLease {
        pthread_mutex_lock(mutex)
        let cache = idle.popLast()
        pthread_mutex_unlock(mutex)
        if let cache { return PieceCacheLease(cache, pool: self) }
        let fresh = UnsafeMutablePointer<PieceTokenCache>.allocate(capacity: 1)
        fresh.initialize(to: PieceTokenCache(capBytes: capBytesPerCache))
        return PieceCacheLease(fresh, pool: self)
    }

    fileprivate func checkIn(_ cache: UnsafeMutablePointer<PieceTokenCache>) {
        pthread_mutex_lock(mutex)
        if idle.count < maxCaches {
            idle.append(cache)
            pthread_mutex_unlock(mutex)
            return
        }
        freedLookups += cache.pointee.lookups
        freedHits += cache.pointee.hits
        freedClears += cache.pointee.clears
        pthread_mutex_unlock(mutex)
        cache.pointee.release()
        cache.deinitialize(count: 1)
        cache.deallocate()
    }

    /// What the idle caches hold and how often lookups hit since the pool was made (caches in use
    /// by a running encode call are counted once they are given back).
    package var statistics: PieceCacheStatistics {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        var s = PieceCacheStatistics()
        s.caches = idle.count
        s.capBytesPerCache = capBytesPerCache
        s.lookups = freedLookups
        s.hits = freedHits
        s.clears = freedClears
        for cache in idle {
            s.entries += cache.pointee.count
            s.bytes += cache.pointee.allocatedBytes
            s.lookups += cache.pointee.lookups
            s.hits += cache.pointee.hits
            s.clears += cache.pointee.clears
        }
        return s
    }
}

/// One cache checked out of a `PieceCachePool`; given back when the lease is released. Use it
/// from one thread at a time.
@usableFromInline
package final class PieceCacheLease {
    @usableFromInline package let cache: UnsafeMutablePointer<PieceTokenCache>
    private let pool: PieceCachePool

    fileprivate init(_ cache: UnsafeMutablePointer<PieceTokenCache>, pool: PieceCachePool) {
        self.cache = cache
        self.pool = pool
    }

    deinit { pool.checkIn(cache) }
}

/// The state of a tokenizer's piece caches.
public struct PieceCacheStatistics: Sendable, Equatable {
    /// Pieces stored, over all caches.
    public var entries = 0
    /// Bytes allocated by the caches.
    public var bytes = 0
    /// The size cap of one cache, in bytes.
    public var capBytesPerCache = 0
    /// Caches kept (one per thread that encoded concurrently).
    public var caches = 0
    /// Lookups and hits since the tokenizer was loaded.
    public var lookups = 0
    public var hits = 0
    /// How often a full cache was emptied.
    public var clears = 0

    public init() {}

    /// Hits per lookup (0 without lookups).
    public var hitRate: Double { lookups == 0 ? 0 : Double(hits) / Double(lookups) }
}

extension PieceCacheStatistics {
    /// The lookups, hits and clears since `earlier` (other fields as now).
    public func since(_ earlier: PieceCacheStatistics) -> PieceCacheStatistics {
        var s = self
        s.lookups -= earlier.lookups
        s.hits -= earlier.hits
        s.clears -= earlier.clears
        return s
    }
}
