import BytePairEncoding
import Pretokenization
import TokenizerCore

extension TiktokenEncoding: Tokenizer {
    /// tiktoken's default: special-token text is an error.
    public var defaultPolicy: SpecialTokenPolicy { .tiktokenDefault }

    /// tiktoken's default: invalid UTF-8 is an error.
    public var defaultDecodeOptions: DecodeOptions { .strict }

    /// nil: tiktoken encodings add no tokens around a text.
    public var specialTokenTemplate: (before: [TokenID], after: [TokenID])? { nil }

    /// The token's bytes as text (U+FFFD for bytes that are not UTF-8 by themselves), or a special
    /// token's text.
    public func token(for id: TokenID) -> String? {
        if let text = specialTokens.text(of: id) { return text }
        return ranks.bytes(of: id).map { UTF8Decoding.lossy($0) }
    }

    /// The id of `token` when its UTF-8 is exactly one ordinary token, or it is a special token's text.
    public func id(forToken token: String) -> TokenID? {
        var token = token
        if let id = token.withUTF8({ ranks.rank(of: $0) }) { return id }
        return specialTokens.id(of: token)
    }

    /// Whether `id` is one of the encoding's special tokens.
    public func isSpecialToken(_ id: TokenID) -> Bool {
        specialTokens.contains(id: id)
    }

    /// True for the published o200k and cl100k patterns (a line feed joins a piece with the
    /// character after it only when that is white space or, in o200k, `/`), when no special
    /// token's text holds a line feed.
    public func splitsAtLineStarts(under policy: SpecialTokenPolicy) -> Bool {
        (pattern == KnownPatterns.o200k || pattern == KnownPatterns.cl100k)
            && !specialTokens.entries.contains { $0.text.utf8.contains(0x0A) }
    }

    public var pipelineDescription: String {
        """
        format: tiktoken
        ranks: \(ranks.count)
        special tokens: \(specialTokens.count)
        roles: \(specialTokenRoles.summary)
        pattern: \(pattern)
        pre-tokenizer: \(splitter.engineDescription)
        """
    }
}
