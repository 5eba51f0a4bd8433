/// Decoding token bytes to text: strict, lossy (like Python's `errors="replace"`), and the length of
/// the longest valid prefix that a streaming decoder may emit.
package enum UTF8Decoding {
    /// The string, or nil when `bytes` is not valid UTF-8.
    package static func strict<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        var failed = false
        var result = ""
        result.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar): result.unicodeScalars.append(scalar)
            case .emptyInput: break loop
            case .error: failed = true; break loop
            }
        }
        return failed ? nil : result
    }

    /// The string with each maximal invalid subsequence replaced by U+FFFD, as Python's
    /// `bytes.decode("utf-8", errors="replace")` does.
    package static func lossy<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        // The standard library replaces maximal subparts (Unicode's recommended practice), which is
        // also CPython's rule.
        String(decoding: bytes, as: UTF8.self)
    }

    /// `bytes` as a String when they are valid UTF-8, else nil (the standard library's validation
    /// where the platform has it).
    package static func validatedString(_ bytes: some Collection<UInt8>) -> String? {
        if #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *) {
            return String(validating: bytes, as: UTF8.self)
        }
        return firstInvalidOffset(Array(bytes)) == nil ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// The byte offset of the first invalid sequence, or nil when all of `bytes` is valid.
    package static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidOffset($0) }
    }

    /// The byte offset of the first invalid sequence, or nil when all of `bytes` is valid: runs of
    /// ASCII are checked eight bytes at a time.
    package static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var i = 0
        while i < count {
            while i + 8 <= count
                && UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < count else { break }
            if base[i] < 0x80 {
                i += 1
                continue
            }
            let prefix = sequencePrefix(bytes, at: i)
            guard prefix.needed > 0 && prefix.matched == prefix.needed else { return i }
            i += prefix.needed
        }
        return nil
    }

    /// How much of a well-formed sequence starts at `index`: `needed` is the length the lead byte
    /// announces (0 for a byte that cannot start one), `matched` how many bytes from `index` fit it
    /// (the lead byte and the continuation bytes allowed in each position, up to `needed`).
    package static func sequencePrefix(_ bytes: [UInt8], at index: Int) -> (matched: Int, needed: Int) {
        bytes.withUnsafeBufferPointer { sequencePrefix($0, at: index) }
    }

    /// `sequencePrefix(_:at:)` over bytes in memory.
    @inline(__always)
    package static func sequencePrefix(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (matched: Int, needed: Int) {
        let lead = bytes[index]
        let needed: Int
        switch lead {
        case 0x00...0x7F: return (1, 1)
        case 0xC2...0xDF: needed = 2
        case 0xE0...0xEF: needed = 3
        case 0xF0...0xF4: needed = 4
        default: return (0, 0)
        }
        var matched = 1
        while matched < needed, index + matched < bytes.count {
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            if matched == 1 {
                switch lead {
                case 0xE0: low = 0xA0
                case 0xED: high = 0x9F
                case 0xF0: low = 0x90
                case 0xF4: high = 0x8F
                default: break
                }
            }
            let byte = bytes[index + matched]
            guard byte >= low && byte <= high else { break }
            matched += 1
        }
        return (matched, needed)
    }

    /// The length of the valid UTF-8 sequence starting at `index` (0 when invalid or truncated).
    package static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let prefix = sequencePrefix(bytes, at: index)
        return prefix.needed > 0 && prefix.matched == prefix.needed ? prefix.needed : 0
    }

    /// Whether the bytes from `index` to the end are a proper prefix of some valid sequence (more
    /// bytes could still complete them).
    package static func isIncompletePrefix(_ bytes: [UInt8], from index: Int) -> Bool {
        guard index < bytes.count else { return false }
        let prefix = sequencePrefix(bytes, at: index)
        return prefix.matched == bytes.count - index && prefix.matched < prefix.needed
    }
}
