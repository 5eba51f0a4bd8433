import BytePairEncoding
import Pretokenization
import TokenizerCore

extension HuggingFaceTokenizer: Tokenizer {
    /// The reference's default: every added token matches, the post-processor adds its tokens.
    public var defaultPolicy: SpecialTokenPolicy { .huggingFaceDefault }

    /// The reference's default: invalid UTF-8 becomes U+FFFD.
    public var defaultDecodeOptions: DecodeOptions { .lossy }

    /// What the post-processor adds around a text (nothing when there is none).
    public var specialTokenTemplate: (before: [TokenID], after: [TokenID])? {
        (postProcessor?.before ?? [], postProcessor?.after ?? [])
    }

    /// The token string of `id`: an added token's content (after the normalizer when the token is
    /// `normalized`, as tokenizers stores it), or the vocabulary's string (`Ġhello`).
    public func token(for id: TokenID) -> String? {
        if let added = addedVocabulary.tokenString(id: id) { return added }
        return model.tokens[id]
    }

    /// The id of an added token's content or a vocabulary token string.
    public func id(forToken token: String) -> TokenID? {
        if let added = addedTokens.first(where: { $0.content.utf8.elementsEqual(token.utf8) }) { return added.id }
        return model.lookup(utf8: Array(token.utf8))
    }

    /// Whether `id` is a special token (skipped by `skipSpecialTokens`).
    public func isSpecialToken(_ id: TokenID) -> Bool { specialIDs.contains(id) }

    public var pieceCacheStatistics: PieceCacheStatistics { model.pieceCacheStatistics }

    /// True for the Qwen pattern run by its scanner (a line feed never joins a piece with the
    /// character after it unless that is white space), with at most NFC or NFD as the normalizer
    /// (a line feed composes with nothing, and no canonical mapping makes white space; NFKC and
    /// NFKD map some characters to spaces), no added token holding a line feed or taking white
    /// space on its left, no truncation or padding, and nothing added around the text.
    public func splitsAtLineStarts(under policy: SpecialTokenPolicy) -> Bool {
        directSplitter is QwenScanner
            && (normalizer == nil || normalizer?.stage is UnicodeNormalization.NFC || normalizer?.stage is UnicodeNormalization.NFD)
            && !addedTokens.contains { $0.lstrip || $0.content.utf8.contains(0x0A) }
            && !postProcessesEncodings
            && (!policy.addSpecialTokens || postProcessor?.addedCount ?? 0 == 0)
    }

    public var pipelineDescription: String {
        let specials = addedTokens.filter(\.special).count
        let flags = (configFlags.addBOS ? " add_bos_token" : "") + (configFlags.addEOS ? " add_eos_token" : "")
        return """
            format: tokenizer.json (BPE)
            vocabulary: \(model.tokens.count) tokens, \(model.mergeCount) merges, \(model.byteLevel ? "byte-level" : "character-level")
            merge algorithm: \(model.usesRankMerge ? "rank merge (verified equal to the merge list at load)" : "merge list")
            added tokens: \(addedTokens.count) (\(specials) special)
            normalizer: \(normalizer?.summary ?? "none")
            pre-tokenizer: \(preTokenizer?.summary ?? "none")\(directSplitter.map { " [\($0.engineDescription)]" } ?? "")
            post-processor: \(postProcessor?.summary ?? "none")
            decoder: \(decoder?.summary ?? "none")
            truncation: \(truncation?.summary ?? "none")
            padding: \(padding?.summary ?? "none")
            roles: \(specialTokenRoles.summary)\(flags.isEmpty ? "" : " (tokenizer_config.json:\(flags))")
            """
    }
}
