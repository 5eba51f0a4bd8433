import Foundation

/// A process-wide cache of loaded values (vocabularies, tokenizers) by key: loading happens once
/// per key and the result is shared. Thread-safe.
package final class LoadedValueCache<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Value] = [:]

    package init() {}

    /// The cached value for `key`, or the result of `load`, which is cached when it succeeds. Two
    /// threads may load the same key at once; the first stored value wins.
    package func value(for key: String, load: () throws -> Value) rethrows -> Value {
        if let cached = lookup(key) { return cached }
        let loaded = try load()
        lock.lock()
        defer { lock.unlock() }
        if let winner = values[key] { return winner }
        values[key] = loaded
        return loaded
    }

    private func lookup(_ key: String) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return values[key]
    }
}
