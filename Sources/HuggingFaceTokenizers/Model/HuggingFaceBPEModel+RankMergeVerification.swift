import BytePairEncoding

extension HuggingFaceBPEModel {
    /// Whether the rank merge over all byte-level tokens (ids as ranks) provably gives the merge
    /// list's ids. The conditions: every byte is a token; each merge produces a distinct token and
    /// their ids increase with the merge order (rank order = merge order); every multi-byte token is
    /// produced by a merge; and the merge list encodes each of them as itself. Under these, at every
    /// step both algorithms see the same candidate pairs and pick the same one.
    static func verifyRankMerge(
        tokenTable: MergeableRanks, tokenCount: Int, byteIDs: [TokenID],
        rules: [(left: TokenID, right: TokenID, result: TokenID)], merges: MergeList
    ) -> Bool {
        guard !byteIDs.contains(.max), merges.count == rules.count, tokenCount == rules.count + 256 else { return false }
        var previous: Int64 = -1
        for rule in rules {
            guard Int64(rule.result) > previous else { return false }
            previous = Int64(rule.result)
        }
        var merger = MergeListMerger(merges: merges)
        var symbols: [TokenID] = []
        var bytes: [UInt8] = []
        for rule in rules {
            bytes.removeAll(keepingCapacity: true)
            guard tokenTable.appendBytes(of: rule.result, to: &bytes), bytes.count >= 2 else { return false }
            symbols.removeAll(keepingCapacity: true)
            for b in bytes { symbols.append(byteIDs[Int(b)]) }
            merger.merge(&symbols)
            guard symbols.count == 1, symbols[0] == rule.result else { return false }
        }
        return true
    }
}
