import TokenizerSuiteTestSupport
import Testing
@testable import BytePairEncoding

@Suite struct BytePairMergerTests {
    /// A random byte-level vocabulary over a small alphabet: all 256 bytes, then concatenations of
    /// existing tokens, in rank order (as BPE training produces).
    static func randomVocabulary(seed: UInt64) throws -> MergeableRanks {
        var generator = SeededGenerator(seed: seed)
        var tokens: [[UInt8]] = (0...255).map { [UInt8($0)] }
        var seen = Set(tokens)
        let alphabet = Array("abcde ".utf8)
        var pool: [[UInt8]] = alphabet.map { [$0] }
        while tokens.count < 256 + 400 {
            let left = pool[Int(generator.next() % UInt64(pool.count))]
            let right = pool[Int(generator.next() % UInt64(pool.count))]
            let merged = left + right
            if merged.count <= 8, seen.insert(merged).inserted {
                tokens.append(merged)
                pool.append(merged)
            }
        }
        return try MergeableRanks(tokens.enumerated().map { ($0.element, TokenID($0.offset)) })
    }

    @Test func heapAndFlatMergesAgree() throws {
        let ranks = try Self.randomVocabulary(seed: 7)
        var merger = BytePairMerger(ranks: ranks)
        var generator = SeededGenerator(seed: 11)
        let alphabet = Array("abcde ".utf8)
        for _ in 0..<3_000 {
            let length = Int(generator.next() % 300) + 2
            let piece = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            var heap: [TokenID] = []
            let flat: [TokenID] = piece.withUnsafeBufferPointer { buffer in
                merger.merged.removeAll()
                merger.mergeFlat(buffer.baseAddress!, buffer.count)
                merger.heapScratch.merge(buffer.baseAddress!, buffer.count, storage: ranks.table, into: &heap)
                return merger.merged
            }
            #expect(flat == heap)
            let decoded = flat.flatMap { Array(ranks.bytes(of: $0) ?? []) }
            #expect(decoded == piece)
        }
    }

    /// The batch interface gives, piece for piece, what `merge` gives: pieces of 0 to 300 bytes
    /// (short ones through the pair table, cached ones, heap-merged ones), with gaps between them,
    /// in batches that reuse one output buffer, with the cache cold and then warm.
    @Test func batchesGiveWhatMergeGivesPieceByPiece() throws {
        let ranks = try Self.randomVocabulary(seed: 3)
        var generator = SeededGenerator(seed: 13)
        let alphabet = Array("abcde ".utf8)
        let text = (0..<200_000).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
        var pieces: [Range<Int>] = []
        var start = 0
        while true {
            let length = generator.next() % 8 == 0 ? Int(generator.next() % 300) : Int(generator.next() % 12)
            let gap = generator.next() % 16 == 0 ? 1 : 0
            guard start + length + gap <= text.count else { break }
            pieces.append(start..<(start + length))
            start += length + gap
        }
        var reference = BytePairMerger(ranks: ranks)
        let expected: [TokenID] = text.withUnsafeBufferPointer { bytes in
            var ids: [TokenID] = []
            for piece in pieces { reference.merge(UnsafeBufferPointer(rebasing: bytes[piece])) { ids.append($0) } }
            return ids
        }
        var merger = BytePairMerger(ranks: ranks)
        for pass in 0..<2 {
            let got: [TokenID] = text.withUnsafeBufferPointer { bytes in
                pieces.withUnsafeBufferPointer { all in
                    var ids: [TokenID] = []
                    var index = 0
                    while index < all.count {
                        let count = min(1 + Int(generator.next() % 300), all.count - index)
                        ids.append(contentsOf: merger.tokens(ofPieces: UnsafeBufferPointer(rebasing: all[index..<(index + count)]), in: bytes.baseAddress!))
                        index += count
                    }
                    return ids
                }
            }
            #expect(got == expected, "pass \(pass)")
        }
        #expect(merger.cache.pointee.hits > 0)
    }

    /// The merge loop's pair memo answers what the lookup answered, "none" included, and never
    /// keeps what it cannot hold: pairs or ranks of 2^18 and above.
    @Test func pairRankMemoRemembersExactAnswers() {
        let memo = PairRankMemo()
        defer { memo.release() }
        var lookups = 0
        func rank(_ left: UInt32, _ right: UInt32, _ answer: UInt32) -> UInt32 {
            memo.rank(left, right) { lookups += 1; return answer }
        }
        #expect(rank(5, 7, 99) == 99)
        #expect(rank(5, 7, 0) == 99)
        #expect(rank(7, 5, .max) == .max)
        #expect(rank(7, 5, 1) == .max)
        #expect(lookups == 2)
        #expect(rank(1 << 18, 5, 3) == 3)
        #expect(rank(1 << 18, 5, 4) == 4)
        #expect(rank(9, 9, 300_000) == 300_000)
        #expect(rank(9, 9, 300_001) == 300_001)
        #expect(lookups == 6)
    }

    /// Long pieces in a heap with no room to spare, so that it fills and is swept of stale keys.
    /// The vocabulary holds every string over "ab" of 2 to 6 bytes in a random order, so every pair
    /// has a rank and keys of high rank go stale long before they are popped.
    @Test func longPiecesAgreeWhenTheHeapIsSwept() throws {
        var generator = SeededGenerator(seed: 5)
        var strings: [[UInt8]] = []
        for length in 2...6 {
            for bits in 0..<(1 << length) {
                strings.append((0..<length).map { bits >> $0 & 1 == 0 ? UInt8(ascii: "a") : UInt8(ascii: "b") })
            }
        }
        for i in strings.indices.reversed() where i > 0 {
            strings.swapAt(i, Int(generator.next() % UInt64(i + 1)))
        }
        let tokens = (0...255).map { [UInt8($0)] } + strings
        let ranks = try MergeableRanks(tokens.enumerated().map { ($0.element, TokenID($0.offset)) })
        var merger = BytePairMerger(ranks: ranks)
        var sweeps = 0
        for round in 0..<12 {
            let length = [3_000, 400, 1_500][round % 3] + Int(generator.next() % 500)
            let piece = (0..<length).map { _ in generator.next() % 3 == 0 ? UInt8(ascii: "b") : UInt8(ascii: "a") }
            var heap: [TokenID] = []
            let scratch = HeapScratch(spareKeys: { _ in 0 })
            let flat: [TokenID] = piece.withUnsafeBufferPointer { buffer in
                merger.merged.removeAll()
                merger.mergeFlat(buffer.baseAddress!, buffer.count)
                scratch.merge(buffer.baseAddress!, buffer.count, storage: ranks.table, into: &heap)
                return merger.merged
            }
            #expect(flat == heap, "piece \(round) of \(length) bytes")
            sweeps += scratch.sweeps
        }
        #expect(sweeps > 0)
    }

    @Test func mergesTheLowestRankLeftmostFirst() throws {
        // "ab" (256) beats "bc" (257); then "abc" is not a token, so the result is [ab, c].
        var rows: [(bytes: [UInt8], rank: TokenID)] = (0...255).map { ([UInt8($0)], TokenID($0)) }
        rows += [(Array("ab".utf8), 256), (Array("bc".utf8), 257), (Array("bcd".utf8), 258)]
        let ranks = try MergeableRanks(rows)
        var merger = BytePairMerger(ranks: ranks)
        func merge(_ text: String) -> [TokenID] {
            var out: [TokenID] = []
            Array(text.utf8).withUnsafeBufferPointer { merger.merge($0) { out.append($0) } }
            return out
        }
        #expect(merge("abc") == [256, 99])
        #expect(merge("abcd") == [256, 99, 100])
        #expect(merge("xbcd") == [120, 258])
        #expect(merge("a") == [97])
    }

    @Test func rankTableRejectsDuplicatesAndFindsSlices() throws {
        #expect(throws: VocabularyError.self) { try MergeableRanks([([1], 0), ([1], 1)]) }
        #expect(throws: VocabularyError.self) { try MergeableRanks([([1], 0), ([2], 0)]) }
        #expect(throws: VocabularyError.self) { try MergeableRanks([([], 0)]) }
        let ranks = try MergeableRanks([([1, 2, 3, 4, 5, 6, 7, 8, 9], 5), ([9], 2)])
        #expect(ranks.rank(of: [1, 2, 3, 4, 5, 6, 7, 8, 9]) == 5)
        #expect(ranks.rank(of: [1, 2, 3, 4, 5, 6, 7, 8]) == nil)
        #expect(ranks.bytes(of: 3) == nil)
        #expect(ranks.rankLimit == 6)
        #expect(ranks.count == 2)
    }
}
