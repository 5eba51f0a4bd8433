import BytePairEncoding
import OrderedJSON

extension HuggingFaceBPEModel {
    /// Reads the `model` object; `byteLevel` when the pre-tokenizer hands the model bytes.
    /// - Parameters:
    ///   - addedTokenCount: the number of added tokens; with the vocabulary's size it bounds the
    ///     ids (see `idLimit(entries:)`), so an id read from the file is checked before it sizes a table.
    ///   - trustedRankMerge: the file is one whose rank-merge equivalence was verified ahead of
    ///     time (a bundled file, checked by hash): skip the verification, and the merges when the
    ///     reader skipped them (`skippedMergeCount`).
    ///   - prebuiltVocabulary: the `vocab` of this very file in prebuilt form, made when it was
    ///     last read in full (see `BundledHuggingFaceTokenizer`); the reader skipped `vocab`.
    /// - Throws: `JSONShapeError` naming the path of a malformed or unsupported value.
    init(
        json node: JSONCursor, byteLevel: Bool, addedTokenCount: Int, trustedRankMerge: Bool, skippedMergeCount: Int?,
        prebuiltVocabulary: PrebuiltVocabulary? = nil
    ) throws {
        let type = try node.optionalString("type") ?? "BPE"
        guard type == "BPE" else {
            throw try node.required("type").failure("unsupported model \(type.debugDescription) (supported: BPE)")
        }
        if let dropout = try node.member("dropout"), try dropout.double() > 0 {
            throw dropout.failure("BPE dropout is random; only null or 0 is supported")
        }
        func nonEmpty(_ key: String) throws -> String? {
            let s = try node.optionalString(key)
            return s?.isEmpty == false ? s : nil
        }
        let prefix = try nonEmpty("continuing_subword_prefix")
        let suffix = try nonEmpty("end_of_word_suffix")

        // Vocabulary: token strings by id, and the lookup table (decoded bytes when byte-level).
        let tokens: TokenStrings
        let tokenTable: MergeableRanks
        let otherTokens: [[UInt8]: TokenID]
        if let prebuiltVocabulary {
            guard byteLevel else { throw node.failure("a prebuilt vocabulary needs a byte-level model") }
            tokenTable = prebuiltVocabulary.tokenTable
            otherTokens = Dictionary(
                prebuiltVocabulary.otherTokens.entries.map { ($0.bytes, $0.rank) }, uniquingKeysWith: { first, _ in first })
            tokens = TokenStrings(byteLevel: tokenTable, otherTokens: otherTokens)
        } else {
            let vocab = try node.required("vocab")
            let idLimit = Self.idLimit(entries: try vocab.count() + addedTokenCount)
            (tokens, tokenTable, otherTokens) = try Self.readVocabulary(vocab, byteLevel: byteLevel, idLimit: idLimit)
        }
        var byteIDs = [TokenID](repeating: .max, count: 256)
        if byteLevel {
            for b in 0..<256 { byteIDs[b] = tokenTable.rank(of: [UInt8(b)]) ?? .max }
        }
        self.init(
            tokens: tokens, byteLevel: byteLevel, unknownToken: try nonEmpty("unk_token"), continuingSubwordPrefix: prefix,
            endOfWordSuffix: suffix, fuseUnknown: try node.bool("fuse_unk", default: false),
            byteFallback: try node.bool("byte_fallback", default: false), ignoreMerges: try node.bool("ignore_merges", default: false),
            merges: MergeList([]), mergeCount: 0, tokenTable: tokenTable, otherTokens: otherTokens,
            byteIDs: byteIDs, rankTable: nil)

        // Merges: "a b" strings or ["a", "b"] pairs (skipped by the reader for trusted files).
        if let skippedMergeCount {
            mergeCount = skippedMergeCount
            if trustedRankMerge && byteLevel && prefix == nil && suffix == nil && !byteIDs.contains(.max) { rankTable = tokenTable }
            return
        }
        let mergeNodes = try node.required("merges")
        var rules: [(left: TokenID, right: TokenID, result: TokenID)] = []
        rules.reserveCapacity(try mergeNodes.count())
        let prefixBytes = prefix.map { Array($0.utf8) } ?? []
        try mergeNodes.forEachElement { _, value, cursor in
            var a: [UInt8]
            var b: [UInt8]
            switch value {
            case let .string(s):
                let u = Array(s.utf8)
                guard let space = u.firstIndex(of: 0x20) else { throw cursor().failure("expected two tokens separated by a space") }
                a = Array(u[..<space]); b = Array(u[(space + 1)...])
            case let .array(pair) where pair.count == 2:
                guard let x = pair[0].stringValue, let y = pair[1].stringValue else { throw cursor().failure("expected two token strings") }
                a = Array(x.utf8); b = Array(y.utf8)
            default:
                throw cursor().failure("expected \"a b\" or [\"a\", \"b\"]")
            }
            guard let left = lookup(utf8: a) else { throw cursor().failure("\(String(decoding: a, as: UTF8.self).debugDescription) is not in the vocabulary") }
            guard let right = lookup(utf8: b) else { throw cursor().failure("\(String(decoding: b, as: UTF8.self).debugDescription) is not in the vocabulary") }
            if !prefixBytes.isEmpty && b.starts(with: prefixBytes) { b.removeFirst(prefixBytes.count) }
            guard let result = lookup(utf8: a + b) else {
                throw cursor().failure("the merged token \(String(decoding: a + b, as: UTF8.self).debugDescription) is not in the vocabulary")
            }
            rules.append((left, right, result))
        }
        merges = MergeList(rules)
        mergeCount = rules.count
        if byteLevel && prefix == nil && suffix == nil {
            let verified = trustedRankMerge && !byteIDs.contains(.max)
                || Self.verifyRankMerge(tokenTable: tokenTable, tokenCount: tokenTable.count, byteIDs: byteIDs, rules: rules, merges: merges)
            if verified { rankTable = tokenTable }
        }
    }

    /// Reads `vocab`: token strings by id, the lookup table (decoded bytes when `byteLevel`), and
    /// byte-level models' tokens whose strings are not byte-level text.
    private static func readVocabulary(
        _ vocab: JSONCursor, byteLevel: Bool, idLimit: Int
    ) throws -> (tokens: TokenStrings, table: MergeableRanks, otherTokens: [[UInt8]: TokenID]) {
        let entryCount = try vocab.count()
        var entries: [(bytes: [UInt8], rank: TokenID)] = []
        entries.reserveCapacity(entryCount)
        var otherTokens: [[UInt8]: TokenID] = [:]
        var keys: [(key: String, id: TokenID)] = []
        keys.reserveCapacity(entryCount)
        var maxID = -1
        try vocab.forEachMember { key, value, cursor in
            guard !key.isEmpty else { throw cursor().failure("a token is the empty string") }
            guard let id = value.intValue, id >= 0, id < idLimit else { _ = try cursor().int(in: 0...(idLimit - 1)); return }
            keys.append((key, TokenID(id)))
            maxID = max(maxID, id)
            if byteLevel, let bytes = ByteLevelAlphabet.bytes(of: key) {
                entries.append((bytes, TokenID(id)))
            } else if byteLevel {
                otherTokens[Array(key.utf8)] = TokenID(id)
            } else {
                entries.append((Array(key.utf8), TokenID(id)))
            }
        }
        var tokens = [String](repeating: "", count: maxID + 1)
        for (key, id) in keys {
            guard tokens[Int(id)].isEmpty else { throw JSONCursor(.null, at: vocab.path.member(key)).failure("id \(id) is given twice") }
            tokens[Int(id)] = key
        }
        do {
            return (TokenStrings(tokens), try MergeableRanks(entries), otherTokens)
        } catch let error as VocabularyError {
            throw vocab.failure(error.message)
        }
    }

    /// The bound on ids for a file with `entries` vocabulary and added tokens: ids index dense
    /// tables, so they may leave gaps, but no single number can size a huge allocation.
    static func idLimit(entries: Int) -> Int {
        min(Int(UInt32.max - 1), 2 * entries + 1024)
    }
}
