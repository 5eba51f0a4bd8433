import TokenizerSuiteTestSupport
import Testing
@testable import BytePairEncoding

@Suite struct PieceTokenCacheTests {
    /// A random piece of 1...`maxLength` bytes over a small alphabet (so that pieces recur and
    /// differ in one byte), with 1...min(n, 6) random ids.
    static func randomEntry(_ generator: inout SeededGenerator, maxLength: Int) -> (piece: [UInt8], ids: [TokenID]) {
        let alphabet: [UInt8] = [0x00, 0x20, 0x61, 0x62, 0xE4, 0xFF]
        let length = Int(generator.next() % UInt64(maxLength)) + 1
        let piece = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        let idCount = Int(generator.next() % UInt64(min(length, 6))) + 1
        let ids = (0..<idCount).map { _ in TokenID(truncatingIfNeeded: generator.next() & 0xF_FFFF) }
        return (piece, ids)
    }

    /// Under a cap small enough to be cleared many times, every hit is exactly what was inserted
    /// for those bytes (pieces up to the longest cached, ids inline and in the arena).
    @Test func hitsAreExactWhateverTheState() {
        let cache = UnsafeMutablePointer<PieceTokenCache>.allocate(capacity: 1)
        cache.initialize(to: PieceTokenCache(capBytes: 64 << 10))
        defer { cache.pointee.release(); cache.deinitialize(count: 1); cache.deallocate() }
        var generator = SeededGenerator(seed: 5)
        var truth: [[UInt8]: [TokenID]] = [:]
        var hits = 0
        for _ in 0..<40_000 {
            let (piece, ids) = Self.randomEntry(&generator, maxLength: generator.next() % 4 == 0 ? 255 : 20)
            let expected = truth[piece, default: ids]
            truth[piece] = expected
            piece.withUnsafeBufferPointer { p in
                if let hit = cache.pointee.lookup(p.baseAddress!, p.count) {
                    hits += 1
                    #expect(Array(hit) == expected, "piece \(piece)")
                } else {
                    expected.withUnsafeBufferPointer { cache.pointee.insert(p.baseAddress!, p.count, ids: $0) }
                }
            }
        }
        #expect(hits > 1_000)
        #expect(cache.pointee.clears > 0)
        #expect(cache.pointee.allocatedBytes <= cache.pointee.capBytes)
        #expect(cache.pointee.lookups == 40_000 && cache.pointee.hits == hits)
    }

    /// Pieces that share their first 16 bytes, or differ only in length (zero bytes at the end),
    /// are different keys.
    @Test func keysDifferByLengthAndTail() {
        let cache = UnsafeMutablePointer<PieceTokenCache>.allocate(capacity: 1)
        cache.initialize(to: PieceTokenCache(capBytes: 1 << 20))
        defer { cache.pointee.release(); cache.deinitialize(count: 1); cache.deallocate() }
        let pieces: [[UInt8]] = (1...40).map { [UInt8](repeating: 0, count: $0) }
            + (17...40).map { Array(repeating: 0x61, count: 16) + [UInt8](repeating: 0x62, count: $0 - 16) }
        for (index, piece) in pieces.enumerated() {
            let ids: [TokenID] = (0...(index % 5)).map { TokenID(index * 10 + $0) }
            piece.withUnsafeBufferPointer { p in
                #expect(cache.pointee.lookup(p.baseAddress!, p.count) == nil)
                ids.withUnsafeBufferPointer { cache.pointee.insert(p.baseAddress!, p.count, ids: $0) }
            }
        }
        for (index, piece) in pieces.enumerated() {
            let found = piece.withUnsafeBufferPointer { p in cache.pointee.lookup(p.baseAddress!, p.count).map(Array.init) }
            #expect(found == (0...(index % 5)).map { TokenID(index * 10 + $0) })
        }
        #expect(cache.pointee.count == pieces.count)
    }

    /// Mergers sharing a pool give the same tokens as a merger without history, and a second pass
    /// is served from the cache the first pass filled.
    @Test func sharedPoolKeepsResultsAcrossMergers() throws {
        let ranks = try BytePairMergerTests.randomVocabulary(seed: 3)
        let pool = PieceCachePool(maxCaches: 2)
        var generator = SeededGenerator(seed: 9)
        let alphabet = Array("abcde ".utf8)
        let pieces = (0..<500).map { _ in
            (0..<(Int(generator.next() % 60) + 1)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        }
        func tokens(_ merger: inout BytePairMerger) -> [[TokenID]] {
            pieces.map { piece in
                var out: [TokenID] = []
                piece.withUnsafeBufferPointer { merger.merge($0) { out.append($0) } }
                return out
            }
        }
        var fresh = BytePairMerger(ranks: ranks)
        let expected = tokens(&fresh)
        do {
            var first = BytePairMerger(ranks: ranks, cache: pool)
            #expect(tokens(&first) == expected)
        }
        let afterFirst = pool.statistics
        #expect(afterFirst.caches == 1 && afterFirst.entries > 0)
        do {
            var second = BytePairMerger(ranks: ranks, cache: pool)
            #expect(tokens(&second) == expected)
        }
        let afterSecond = pool.statistics.since(afterFirst)
        #expect(afterSecond.lookups > 0 && afterSecond.hits == afterSecond.lookups)
    }
}
