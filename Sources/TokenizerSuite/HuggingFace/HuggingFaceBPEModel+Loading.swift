import BytePairEncoding

extension HuggingFaceTokenizer {
    /// Reads the `model` object; `byteLevel` when the pre-tokenizer hands the model bytes.
    /// - Parameter trustedRankMerge: the file is one whose rank-merge equivalence was verified ahead
    ///   of time (a bundled file, checked by hash): skip the verification, and the merges when the
    ///   reader skipped them.
    static func model(_ node: JSONNode, byteLevel: Bool, trustedRankMerge: Bool = false) throws -> HuggingFaceBPEModel {
        let type = try node.optionalString("type") ?? "BPE"
        guard type == "BPE" else {
            throw try node.required("type").fail("unsupported model \(type.debugDescription) (supported: BPE)")
        }
        if let dropout = try node.optional("dropout") {
            let value: Double
            switch dropout.value {
            case let .integer(i): value = Double(i)
            case let .number(d, _): value = d
            default: throw dropout.fail("expected a number")
            }
            if value > 0 { throw dropout.fail("BPE dropout is random; only null or 0 is supported") }
        }
        func nonEmpty(_ key: String) throws -> String? {
            let s = try node.optionalString(key)
            return s?.isEmpty == false ? s : nil
        }
        let prefix = try nonEmpty("continuing_subword_prefix")
        let suffix = try nonEmpty("end_of_word_suffix")
        let unknown = try nonEmpty("unk_token")
        let ignoreMerges = try node.bool("ignore_merges", default: false)

        // Vocabulary: token strings by id, and the lookup table (decoded bytes when byte-level).
        let vocabNode = try node.required("vocab")
        guard let vocab = vocabNode.value.objectValue else { throw vocabNode.fail("expected an object of token → id") }
        var entries: [(bytes: [UInt8], rank: TokenID)] = []
        entries.reserveCapacity(vocab.count)
        var otherTokens: [[UInt8]: TokenID] = [:]
        var maxID = -1
        var ids = [TokenID]()
        ids.reserveCapacity(vocab.count)
        for (k, key) in vocab.keys.enumerated() {
            guard let id = vocab.values[k].intValue, id >= 0, id < Int(UInt32.max) - 1 else {
                throw TokenizerError.tokenizerFile(source: node.source, path: "model.vocab[\(key.debugDescription)]", reason: "expected a token id")
            }
            guard !key.isEmpty else {
                throw TokenizerError.tokenizerFile(source: node.source, path: "model.vocab", reason: "a token is the empty string")
            }
            ids.append(TokenID(id))
            maxID = max(maxID, id)
            if byteLevel {
                if let bytes = ByteLevelAlphabet.bytes(of: key) {
                    entries.append((bytes, TokenID(id)))
                } else {
                    otherTokens[Array(key.utf8)] = TokenID(id)
                }
            } else {
                entries.append((Array(key.utf8), TokenID(id)))
            }
        }
        var tokens = [String](repeating: "", count: maxID + 1)
        for (k, key) in vocab.keys.enumerated() {
            guard tokens[Int(ids[k])].isEmpty else {
                throw TokenizerError.tokenizerFile(source: node.source, path: "model.vocab[\(key.debugDescription)]", reason: "id \(ids[k]) is given twice")
            }
            tokens[Int(ids[k])] = key
        }
        let tokenTable: MergeableRanks
        do { tokenTable = try MergeableRanks(entries) } catch let error as VocabularyError {
            throw vocabNode.fail(error.message)
        }
        var byteIDs = [TokenID](repeating: .max, count: 256)
        if byteLevel {
            for b in 0..<256 { byteIDs[b] = tokenTable.rank(of: [UInt8(b)]) ?? .max }
        }
        func lookup(_ utf8: [UInt8]) -> TokenID? {
            guard byteLevel else { return tokenTable.rank(of: utf8) }
            if let bytes = ByteLevelAlphabet.bytes(of: String(decoding: utf8, as: UTF8.self)), let id = tokenTable.rank(of: bytes) { return id }
            return otherTokens[utf8]
        }

        // Merges: "a b" strings or ["a", "b"] pairs (skipped by the reader for trusted files).
        let mergesNode = try node.required("merges")
        var rules: [(left: TokenID, right: TokenID, result: TokenID)] = []
        var mergeCount = 0
        if case let .skipped(count) = mergesNode.value {
            mergeCount = count
        } else {
            let mergeNodes = try mergesNode.elements()
            mergeCount = mergeNodes.count
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
                guard let left = lookup(a) else { throw m.fail("\(String(decoding: a, as: UTF8.self).debugDescription) is not in the vocabulary") }
                guard let right = lookup(b) else { throw m.fail("\(String(decoding: b, as: UTF8.self).debugDescription) is not in the vocabulary") }
                if !prefixBytes.isEmpty && b.starts(with: prefixBytes) { b.removeFirst(prefixBytes.count) }
                guard let result = lookup(a + b) else {
                    throw m.fail("the merged token \(String(decoding: a + b, as: UTF8.self).debugDescription) is not in the vocabulary")
                }
                rules.append((left, right, result))
            }
        }
        let merges = MergeList(rules)

        let rankMerge: Bool
        if byteLevel && prefix == nil && suffix == nil {
            rankMerge = trustedRankMerge && !byteIDs.contains(.max)
                || verifyRankMerge(tokenTable: tokenTable, tokenCount: entries.count, byteIDs: byteIDs, rules: rules, merges: merges)
        } else {
            rankMerge = false
        }
        return HuggingFaceBPEModel(
            tokens: tokens, byteLevel: byteLevel, unknownToken: unknown, continuingSubwordPrefix: prefix,
            endOfWordSuffix: suffix, fuseUnknown: try node.bool("fuse_unk", default: false),
            byteFallback: try node.bool("byte_fallback", default: false), ignoreMerges: ignoreMerges,
            merges: merges, mergeCount: mergeCount, tokenTable: tokenTable, otherTokens: otherTokens,
            byteIDs: byteIDs, rankTable: rankMerge ? tokenTable : nil)
    }

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
