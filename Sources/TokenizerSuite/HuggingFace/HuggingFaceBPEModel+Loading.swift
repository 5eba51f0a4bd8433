import BytePairEncoding

extension HuggingFaceTokenizer {
    /// Reads the `model` object; `byteLevel` when the pre-tokenizer hands the model bytes.
    static func model(_ node: JSONNode, byteLevel: Bool) throws -> HuggingFaceBPEModel {
        let type = try node.optionalString("type") ?? "BPE"
        guard type == "BPE" else {
            throw try node.required("type").fail("unsupported model \(type.debugDescription) (supported: BPE)")
        }
        if let dropout = try node.optional("dropout"), case let .number(value, _) = dropout.value, value > 0 {
            throw dropout.fail("BPE dropout is random; only null or 0 is supported")
        }
        func nonEmpty(_ key: String) throws -> String? {
            let s = try node.optionalString(key)
            return s?.isEmpty == false ? s : nil
        }
        let prefix = try nonEmpty("continuing_subword_prefix")
        let suffix = try nonEmpty("end_of_word_suffix")
        let unknown = try nonEmpty("unk_token")

        // Vocabulary.
        let vocabNode = try node.required("vocab")
        guard let vocab = vocabNode.value.objectValue else { throw vocabNode.fail("expected an object of token → id") }
        var entries: [(bytes: [UInt8], rank: TokenID)] = []
        entries.reserveCapacity(vocab.count)
        var maxID = -1
        for (k, key) in vocab.keys.enumerated() {
            guard let id = vocab.values[k].intValue, id >= 0, id < Int(UInt32.max) - 1 else {
                throw TokenizerError.tokenizerFile(source: node.source, path: "model.vocab[\(key.debugDescription)]", reason: "expected a token id")
            }
            guard !key.isEmpty else {
                throw TokenizerError.tokenizerFile(source: node.source, path: "model.vocab", reason: "a token is the empty string")
            }
            entries.append((Array(key.utf8), TokenID(id)))
            maxID = max(maxID, id)
        }
        var tokens = [String](repeating: "", count: maxID + 1)
        for (k, key) in vocab.keys.enumerated() { tokens[Int(entries[k].rank)] = key }
        let tokenTable: MergeableRanks
        do { tokenTable = try MergeableRanks(entries) } catch let error as VocabularyError {
            throw vocabNode.fail(error.message)
        }

        // Merges: "a b" strings or ["a", "b"] pairs.
        let mergesNode = try node.required("merges")
        let mergeNodes = try mergesNode.elements()
        var rules: [(left: TokenID, right: TokenID, result: TokenID)] = []
        rules.reserveCapacity(mergeNodes.count)
        let prefixBytes = prefix.map { Array($0.utf8) } ?? []
        for m in mergeNodes {
            var a: [UInt8]
            var b: [UInt8]
            switch m.value {
            case let .string(s):
                let u = Array(s.utf8)
                guard let space = u.firstIndex(of: 0x20) else { throw m.fail("expected two tokens separated by a space") }
                a = Array(u[..<space]); b = Array(u[(space + 1)...])
            case let .array(pair) where pair.count == 2:
                guard let x = pair[0].stringValue, let y = pair[1].stringValue else { throw m.fail("expected two token strings") }
                a = Array(x.utf8); b = Array(y.utf8)
            default:
                throw m.fail("expected \"a b\" or [\"a\", \"b\"]")
            }
            guard let left = tokenTable.rank(of: a) else { throw m.fail("\(String(decoding: a, as: UTF8.self).debugDescription) is not in the vocabulary") }
            guard let right = tokenTable.rank(of: b) else { throw m.fail("\(String(decoding: b, as: UTF8.self).debugDescription) is not in the vocabulary") }
            if !prefixBytes.isEmpty && b.starts(with: prefixBytes) { b.removeFirst(prefixBytes.count) }
            guard let result = tokenTable.rank(of: a + b) else {
                throw m.fail("the merged token \(String(decoding: a + b, as: UTF8.self).debugDescription) is not in the vocabulary")
            }
            rules.append((left, right, result))
        }
        let merges = MergeList(rules)

        var byteIDs = [TokenID](repeating: .max, count: 256)
        if byteLevel {
            for b in 0..<256 {
                byteIDs[b] = tokenTable.rank(of: Array(ByteLevelAlphabet.string(of: [UInt8(b)]).utf8)) ?? .max
            }
        }
        let ignoreMerges = try node.bool("ignore_merges", default: false)
        let rankTable = byteLevel && prefix == nil && suffix == nil
            ? verifiedRankTable(tokens: tokens, byteIDs: byteIDs, rules: rules, merges: merges, ignoreMerges: ignoreMerges)
            : nil
        return HuggingFaceBPEModel(
            tokens: tokens, byteLevel: byteLevel, unknownToken: unknown, continuingSubwordPrefix: prefix,
            endOfWordSuffix: suffix, fuseUnknown: try node.bool("fuse_unk", default: false),
            byteFallback: try node.bool("byte_fallback", default: false), ignoreMerges: ignoreMerges,
            merges: merges, tokenTable: tokenTable, byteIDs: byteIDs, rankTable: rankTable)
    }

    /// The table for the rank merge (token bytes → id, ids as ranks) when it provably gives the
    /// merge list's ids, else nil. The conditions: every byte is a token; merge results are distinct
    /// and their ids increase with the merge order (rank order = merge order); every other
    /// multi-byte token is unreachable; and the merge list encodes each merge result as itself.
    /// Under these, at every step both algorithms see the same candidate pairs and pick the same one.
    static func verifiedRankTable(
        tokens: [String], byteIDs: [TokenID], rules: [(left: TokenID, right: TokenID, result: TokenID)],
        merges: MergeList, ignoreMerges: Bool
    ) -> MergeableRanks? {
        guard !byteIDs.contains(.max), merges.count == rules.count else { return nil }
        var previous: Int64 = -1
        for rule in rules {
            guard Int64(rule.result) > previous else { return nil }
            previous = Int64(rule.result)
        }
        var entries: [(bytes: [UInt8], rank: TokenID)] = []
        entries.reserveCapacity(rules.count + 256)
        for b in 0..<256 {
            entries.append(([UInt8(b)], byteIDs[b]))
        }
        var inTable = Set(byteIDs)
        var resultBytes: [[UInt8]] = []
        resultBytes.reserveCapacity(rules.count)
        for rule in rules {
            guard let bytes = ByteLevelAlphabet.bytes(of: tokens[Int(rule.result)]), bytes.count >= 2 else { return nil }
            entries.append((bytes, rule.result))
            inTable.insert(rule.result)
            resultBytes.append(bytes)
        }
        // Tokens outside the table must be unreachable: not byte-level text, or (without
        // ignore_merges) never produced by a merge, which holds since only merges produce tokens.
        if ignoreMerges {
            for (id, token) in tokens.enumerated() where !token.isEmpty && !inTable.contains(TokenID(id)) {
                if ByteLevelAlphabet.bytes(of: token) != nil { return nil }
            }
        }
        guard let table = try? MergeableRanks(entries) else { return nil }
        // Each merge result must encode to itself with the merge list.
        var merger = MergeListMerger(merges: merges)
        var symbols: [TokenID] = []
        for (k, bytes) in resultBytes.enumerated() {
            symbols.removeAll(keepingCapacity: true)
            for b in bytes { symbols.append(byteIDs[Int(b)]) }
            merger.merge(&symbols)
            guard symbols.count == 1, symbols[0] == rules[k].result else { return nil }
        }
        return table
    }
}
