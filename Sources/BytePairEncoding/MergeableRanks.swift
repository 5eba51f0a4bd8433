/// A byte-level BPE vocabulary: every token's bytes and its rank (= id), with an open-addressing hash
/// table for looking a byte string up without allocating. Immutable and safe to share.
public struct MergeableRanks: Sendable {
    @usableFromInline let storage: Storage

    /// Builds the table from `(bytes, rank)` pairs.
    /// - Throws: `VocabularyError` for an empty token, a repeated token or a repeated rank (with the
    ///   index of the entry).
    /// - Complexity: O(total bytes).
    public init(_ entries: [(bytes: [UInt8], rank: TokenID)]) throws {
        storage = try Storage(entries)
    }

    /// The number of tokens.
    public var count: Int { storage.count }

    /// One past the largest rank.
    package var rankLimit: Int { storage.rankLimit }

    /// The rank of `bytes`, or nil when it is not a token.
    @inlinable
    public func rank(of bytes: UnsafeBufferPointer<UInt8>) -> TokenID? {
        guard let base = bytes.baseAddress else { return nil }
        let r = storage.lookup(base, bytes.count)
        return r == .max ? nil : r
    }

    /// The rank of `bytes`, or nil when it is not a token.
    public func rank(of bytes: [UInt8]) -> TokenID? {
        bytes.withUnsafeBufferPointer { rank(of: $0) }
    }

    /// The bytes of the token with rank `rank`, or nil when no token has that rank.
    public func bytes(of rank: TokenID) -> ArraySlice<UInt8>? {
        guard Int(rank) < storage.rankLimit else { return nil }
        let start = Int(storage.tokenStart[Int(rank)])
        let end = Int(storage.tokenStart[Int(rank) + 1])
        return end > start ? ArraySlice(UnsafeBufferPointer(start: storage.tokenBytes + start, count: end - start)) : nil
    }

    /// `body` applied to the bytes of token `rank` where they lie, or nil when no token has that rank.
    package func withBytes<R>(of rank: TokenID, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        guard Int(rank) < storage.rankLimit else { return nil }
        let start = Int(storage.tokenStart[Int(rank)])
        let end = Int(storage.tokenStart[Int(rank) + 1])
        return end > start ? try body(UnsafeBufferPointer(start: storage.tokenBytes + start, count: end - start)) : nil
    }

    /// Appends the bytes of token `rank` to `output`; returns false when no token has that rank.
    @inlinable
    package func appendBytes(of rank: TokenID, to output: inout [UInt8]) -> Bool {
        storage.appendBytes(of: rank, to: &output)
    }

    /// The byte length of token `rank` (0 when no token has it).
    @inlinable
    package func byteCount(of rank: TokenID) -> Int {
        guard Int(rank) < storage.rankLimit else { return 0 }
        return Int(storage.tokenStart[Int(rank) + 1] &- storage.tokenStart[Int(rank)])
    }

    /// All tokens in rank order (holes skipped).
    public var entries: [(bytes: [UInt8], rank: TokenID)] {
        (0..<storage.rankLimit).compactMap { r in bytes(of: TokenID(r)).map { (Array($0), TokenID(r)) } }
    }
}

/// Errors found while reading a vocabulary.
public struct VocabularyError: Error, Equatable, CustomStringConvertible {
    /// What is wrong, naming the entry (and file and line when the loader knows them).
    public let message: String
    /// Creates an error with a readable message.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension MergeableRanks {
    @usableFromInline
    final class Storage: @unchecked Sendable {
        // Immutable after init: shared read-only across threads.
        @usableFromInline let tokenBytes: UnsafeMutablePointer<UInt8>
        @usableFromInline let tokenStart: UnsafeMutablePointer<UInt32>  // rankLimit + 1 offsets
        @usableFromInline let slots: UnsafeMutablePointer<UInt64>        // (hash tag << 32) | (rank + 1); 0 = empty
        @usableFromInline let shortRanks: UnsafeMutablePointer<UInt32>   // 1-byte and 2-byte strings, direct
        @usableFromInline let mask: Int
        @usableFromInline let rankLimit: Int
        let count: Int
        let byteCount: Int
        /// The file mapping the tables live in, for ranks read from a prebuilt form; nil when the
        /// tables were allocated here.
        let region: MappedRegion?

        init(_ entries: [(bytes: [UInt8], rank: TokenID)]) throws {
            var maxRank = -1
            var totalBytes = 0
            for (index, entry) in entries.enumerated() {
                if entry.bytes.isEmpty { throw VocabularyError("entry \(index) (rank \(entry.rank)) has no bytes") }
                maxRank = max(maxRank, Int(entry.rank))
                totalBytes += entry.bytes.count
            }
            guard maxRank < Int(UInt32.max) - 1 else { throw VocabularyError("rank \(maxRank) is too large") }
            rankLimit = maxRank + 1
            count = entries.count
            byteCount = totalBytes
            region = nil
            // Lay token bytes out in rank order so decoding is one contiguous copy per token.
            var lengths = [Int](repeating: -1, count: rankLimit)
            var order = [Int](repeating: -1, count: rankLimit)
            for (index, entry) in entries.enumerated() {
                if lengths[Int(entry.rank)] >= 0 {
                    throw VocabularyError("entry \(index): rank \(entry.rank) is given twice")
                }
                lengths[Int(entry.rank)] = entry.bytes.count
                order[Int(entry.rank)] = index
            }
            let byteStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(totalBytes, 1))
            let startStorage = UnsafeMutablePointer<UInt32>.allocate(capacity: rankLimit + 1)
            var offset = 0
            for r in 0..<rankLimit {
                startStorage[r] = UInt32(offset)
                if order[r] >= 0 {
                    for byte in entries[order[r]].bytes {
                        byteStorage[offset] = byte
                        offset += 1
                    }
                }
            }
            startStorage[rankLimit] = UInt32(offset)
            tokenBytes = byteStorage
            tokenStart = startStorage
            var capacity = 16
            while capacity < entries.count * 2 { capacity <<= 1 }
            mask = capacity - 1
            slots = .allocate(capacity: capacity)
            slots.initialize(repeating: 0, count: capacity)
            // Ranks of every 1- and 2-byte string, so the hottest lookups skip hashing:
            // index b for a single byte, 256 + (b0 << 8 | b1) for a pair.
            shortRanks = .allocate(capacity: 256 + 65_536)
            shortRanks.initialize(repeating: .max, count: 256 + 65_536)
            for (index, entry) in entries.enumerated() {
                let inserted = entry.bytes.withUnsafeBufferPointer { insert($0.baseAddress!, $0.count, rank: entry.rank) }
                if !inserted {
                    throw VocabularyError("entry \(index) (rank \(entry.rank)): the same bytes already have another rank")
                }
                switch entry.bytes.count {
                case 1: shortRanks[Int(entry.bytes[0])] = entry.rank
                case 2: shortRanks[256 + (Int(entry.bytes[0]) << 8 | Int(entry.bytes[1]))] = entry.rank
                default: break
                }
            }
        }

        /// Tables that live in `region` (already validated by the caller).
        init(
            region: MappedRegion, tokenBytes: UnsafeMutablePointer<UInt8>, tokenStart: UnsafeMutablePointer<UInt32>,
            slots: UnsafeMutablePointer<UInt64>, shortRanks: UnsafeMutablePointer<UInt32>, slotCapacity: Int,
            rankLimit: Int, count: Int, byteCount: Int
        ) {
            self.region = region
            self.tokenBytes = tokenBytes
            self.tokenStart = tokenStart
            self.slots = slots
            self.shortRanks = shortRanks
            mask = slotCapacity - 1
            self.rankLimit = rankLimit
            self.count = count
            self.byteCount = byteCount
        }

        deinit { if region == nil { deallocateAll() } }

        private func deallocateAll() {
            tokenBytes.deallocate()
            tokenStart.deallocate()
            slots.deallocate()
            shortRanks.deallocate()
        }

        private func insert(_ bytes: UnsafePointer<UInt8>, _ length: Int, rank: TokenID) -> Bool {
            let hash = Self.hash(bytes, length)
            let tag = hash >> 32
            var index = Int(truncatingIfNeeded: hash) & mask
            while slots[index] != 0 {
                let slot = slots[index]
                if slot >> 32 == tag && matches(UInt32(truncatingIfNeeded: slot) - 1, bytes, length) { return false }
                index = (index + 1) & mask
            }
            slots[index] = (tag << 32) | UInt64(rank + 1)
            return true
        }

        @inlinable @inline(__always)
        func matches(_ rank: UInt32, _ bytes: UnsafePointer<UInt8>, _ length: Int) -> Bool {
            table.matches(rank, bytes, length)
        }

        /// The rank of `bytes[0..<length]`, or `UInt32.max`.
        @inlinable @inline(__always)
        func lookup(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> UInt32 {
            table.lookup(bytes, length)
        }

        /// The tables as raw pointers, valid while this storage is alive.
        @inlinable
        var table: Table {
            Table(tokenBytes: tokenBytes, tokenStart: tokenStart, slots: slots, shortRanks: shortRanks, mask: mask, rankLimit: rankLimit)
        }

        @inlinable
        func appendBytes(of rank: TokenID, to output: inout [UInt8]) -> Bool {
            guard Int(rank) < rankLimit else { return false }
            let start = Int(tokenStart[Int(rank)])
            let end = Int(tokenStart[Int(rank) + 1])
            guard end > start else { return false }
            output.append(contentsOf: UnsafeBufferPointer(start: tokenBytes + start, count: end - start))
            return true
        }

        /// A fast 64-bit hash of a short byte string (word-at-a-time multiply-xorshift).
        @inlinable @inline(__always)
        static func hash(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(truncatingIfNeeded: length &+ 1)
            var i = 0
            while i + 8 <= length {
                h = (h ^ UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                h ^= h >> 32
                i += 8
            }
            if i < length {
                // The remaining bytes, the first lowest.
                h = (h ^ ByteWords.tail(bytes, from: i, length: length)) &* 0xC4CE_B9FE_1A85_EC53
            }
            h ^= h >> 29
            h = h &* 0xFF51_AFD7_ED55_8CCD
            return h ^ (h >> 32)
        }
    }
}

extension MergeableRanks {
    /// The lookup tables as plain pointers: what the per-piece path reads, with no reference
    /// counting. Valid only while the ranks it came from are alive (the holder keeps them).
    @usableFromInline
    package struct Table {
        @usableFromInline let tokenBytes: UnsafePointer<UInt8>
        @usableFromInline let tokenStart: UnsafePointer<UInt32>
        @usableFromInline let slots: UnsafePointer<UInt64>
        @usableFromInline let shortRanks: UnsafePointer<UInt32>
        @usableFromInline let mask: Int
        @usableFromInline let rankLimit: Int

        @inlinable
        init(
            tokenBytes: UnsafeMutablePointer<UInt8>, tokenStart: UnsafeMutablePointer<UInt32>, slots: UnsafeMutablePointer<UInt64>,
            shortRanks: UnsafeMutablePointer<UInt32>, mask: Int, rankLimit: Int
        ) {
            self.tokenBytes = UnsafePointer(tokenBytes)
            self.tokenStart = UnsafePointer(tokenStart)
            self.slots = UnsafePointer(slots)
            self.shortRanks = UnsafePointer(shortRanks)
            self.mask = mask
            self.rankLimit = rankLimit
        }

        @inlinable @inline(__always)
        func matches(_ rank: UInt32, _ bytes: UnsafePointer<UInt8>, _ length: Int) -> Bool {
            let start = Int(tokenStart[Int(rank)])
            guard Int(tokenStart[Int(rank) + 1]) - start == length else { return false }
            return bytesEqual(tokenBytes + start, bytes, length)
        }

        /// The rank of `bytes[0..<length]`, or `UInt32.max`.
        @inlinable @inline(__always)
        func lookup(_ bytes: UnsafePointer<UInt8>, _ length: Int) -> UInt32 {
            if length <= 2 {
                return length == 1 ? shortRanks[Int(bytes[0])] : shortRanks[256 + (Int(bytes[0]) << 8 | Int(bytes[1]))]
            }
            let hash = Storage.hash(bytes, length)
            let tag = hash >> 32
            var index = Int(truncatingIfNeeded: hash) & mask
            while true {
                let slot = slots[index]
                if slot == 0 { return .max }
                if slot >> 32 == tag {
                    let rank = UInt32(truncatingIfNeeded: slot) &- 1
                    if matches(rank, bytes, length) { return rank }
                }
                index = (index + 1) & mask
            }
        }

        /// The byte length of token `rank` (0 when no token has it).
        @inlinable @inline(__always)
        package func byteCount(of rank: TokenID) -> Int {
            guard Int(rank) < rankLimit else { return 0 }
            return Int(tokenStart[Int(rank) + 1] &- tokenStart[Int(rank)])
        }
    }

    /// The tables as plain pointers for a hot loop; valid while these ranks are alive.
    @inlinable
    package var table: Table { storage.table }
}
