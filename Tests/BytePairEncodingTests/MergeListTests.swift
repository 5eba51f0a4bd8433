import BytePairEncoding
import Testing

/// The Hugging Face merge-list algorithm: lowest rank first, leftmost on ties, stale entries skipped.
@Suite struct MergeListTests {
    // Tokens: 0 a, 1 b, 2 c, 3 ab, 4 bc, 5 abc.
    @Test func appliesRulesInRankOrder() {
        var merger = MergeListMerger(merges: MergeList([(1, 2, 4), (0, 1, 3), (3, 2, 5)]))
        var symbols: [TokenID] = [0, 1, 2]
        merger.merge(&symbols)
        // "bc" merges first; (a, bc) is not a rule, so "abc" is never formed (a rank merge would form it).
        #expect(symbols == [0, 4])
        var other = MergeListMerger(merges: MergeList([(0, 1, 3), (1, 2, 4), (3, 2, 5)]))
        symbols = [0, 1, 2]
        other.merge(&symbols)
        #expect(symbols == [5])
    }

    @Test func leftmostOnTiesAndRepeats() {
        // 0 a, 1 aa, 2 aaaa.
        var merger = MergeListMerger(merges: MergeList([(0, 0, 1), (1, 1, 2)]))
        var symbols: [TokenID] = [0, 0, 0, 0, 0]
        merger.merge(&symbols)
        #expect(symbols == [2, 0])
        #expect(MergeList([(0, 0, 1)]).rule(0, 0)?.result == 1)
        #expect(MergeList([(0, 0, 1)]).rule(0, 1) == nil)
    }
}
