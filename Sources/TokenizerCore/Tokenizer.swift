import BytePairEncoding

/// A loaded tokenizer of any family (a tiktoken encoding, a Hugging Face `tokenizer.json`): what a
/// caller needs without knowing which. Immutable and safe to share across threads.
///
/// Each family gives exactly its reference's ids: tiktoken 0.14.0 for `.tiktoken` encodings,
/// tokenizers 0.23.3 for `tokenizer.json` files.
public protocol Tokenizer: Sendable {
    /// The tokenizer's name ("o200k_harmony", "qwen3", a file's folder name).
    var name: String { get }
    /// One more than the largest token id, special and added tokens included.
    var vocabularySize: Int { get }
    /// What `encode(_:)` does when no policy is given: the reference's own default (tiktoken:
    /// special-token text is an error; tokenizers: added tokens match and BOS/EOS are added).
    var defaultPolicy: SpecialTokenPolicy { get }
    /// What `decode(_:)` does when no options are given: the reference's default (tiktoken:
    /// strict UTF-8; tokenizers: invalid UTF-8 replaced by U+FFFD). Special tokens are kept.
    var defaultDecodeOptions: DecodeOptions { get }
    /// The tokens with a role (bos, eos, pad, unk) and the ids that end generation.
    var specialTokenRoles: SpecialTokenRoles { get }
    /// A multi-line description of the vocabulary and the pipeline, stage by stage.
    var pipelineDescription: String { get }
    /// The ids `SpecialTokenPolicy.addSpecialTokens` puts before and after a text, or nil when the
    /// tokenizer's format has no post-processor (tiktoken encodings).
    var specialTokenTemplate: (before: [TokenID], after: [TokenID])? { get }

    /// The ids of `text` under `policy`.
    /// - Throws: `TokenizerError.disallowedSpecialToken` when the text spells a special token that
    ///   the policy disallows; pattern errors.
    func encode(_ text: String, policy: SpecialTokenPolicy) throws -> [TokenID]

    /// The ids of `text` under `policy`, each with the byte offset in `text.utf8` of the text it
    /// came from (tokens added by the policy, such as BOS, get the offset where they stand).
    func encodeWithOffsets(_ text: String, policy: SpecialTokenPolicy) throws -> (ids: [TokenID], byteOffsets: [Int])

    /// The number of ids `encode(text, policy:)` returns, without storing them.
    func countTokens(_ text: String, policy: SpecialTokenPolicy) throws -> Int

    /// `encode` of every text, on all cores; results in input order. The first error in input order
    /// is thrown.
    func encodeBatch(_ texts: [String], policy: SpecialTokenPolicy) throws -> [[TokenID]]

    /// The text of `ids`.
    /// - Throws: `TokenizerError.unknownTokenID` for an id the vocabulary does not have;
    ///   `.invalidUTF8` when `options` fail on invalid UTF-8 and the bytes are not valid.
    func decode(_ ids: [TokenID], options: DecodeOptions) throws -> String

    /// The bytes `id` stands for in decoded text (a special token's text as UTF-8), or nil when the
    /// id is unknown.
    func tokenBytes(_ id: TokenID) -> [UInt8]?

    /// The vocabulary entry of `id` as the reference names it: tiktoken's token bytes as text
    /// (invalid UTF-8 replaced by U+FFFD), tokenizers' token string (`Ġhello`, `<|im_start|>`).
    func token(for id: TokenID) -> String?

    /// The id whose vocabulary entry is `token` (see `token(for:)`), or nil.
    func id(forToken token: String) -> TokenID?

    /// Whether `id` is a special (control) token: skipped by `DecodeOptions.skipSpecialTokens`.
    func isSpecialToken(_ id: TokenID) -> Bool

    /// A decoder for ids arriving one at a time that emits only complete UTF-8 text.
    func streamingDecoder() -> StreamingTextDecoder

    /// Whether a text cut right after a line feed that a character other than white space or `/`
    /// follows (`isLineStartCut`) can be encoded part by part under `policy`, the ids
    /// concatenated, with the same result as one call: true when the pre-tokenization always ends
    /// a piece there and nothing else (normalizer, added tokens, added special tokens) reaches
    /// across it. Used to encode one long text on several cores, or as it is read.
    func splitsAtLineStarts(under policy: SpecialTokenPolicy) -> Bool

    /// The size, cap and hit rate of the cache that remembers pieces' ids across calls (all zero
    /// when the tokenizer keeps none). The cache holds exact results only: output never depends on it.
    var pieceCacheStatistics: PieceCacheStatistics { get }
}

extension Tokenizer {
    /// The ids of `text` under the tokenizer's default policy.
    public func encode(_ text: String) throws -> [TokenID] {
        try encode(text, policy: defaultPolicy)
    }

    /// The ids of text from an untrusted source (a user, a web page): no special or added token is
    /// matched in it and none is added, so it can never forge a control token.
    public func encodeUntrusted(_ text: String) throws -> [TokenID] {
        try encode(text, policy: .untrusted)
    }

    /// The number of ids `encode(text)` returns.
    public func countTokens(_ text: String) throws -> Int {
        try countTokens(text, policy: defaultPolicy)
    }

    /// The text of `ids` under the tokenizer's default decode options.
    public func decode(_ ids: [TokenID]) throws -> String {
        try decode(ids, options: defaultDecodeOptions)
    }

    public func encodeBatch(_ texts: [String], policy: SpecialTokenPolicy) throws -> [[TokenID]] {
        try concurrentMap(texts) { try encode($0, policy: policy) }
    }

    public var pieceCacheStatistics: PieceCacheStatistics { PieceCacheStatistics() }
}

extension Tokenizer {
    /// `encode` of every text under the default policy, on all cores; results in input order.
    public func encodeBatch(_ texts: [String]) throws -> [[TokenID]] {
        try encodeBatch(texts, policy: defaultPolicy)
    }
}

extension Tokenizer {
    /// The ids of `text` under `policy`, on up to `threads` threads: a long text is cut at line
    /// starts (where `splitsAtLineStarts` allows), the parts encoded at once, the ids concatenated
    /// in order — exactly the ids of `encode(text, policy:)`.
    public func encode(_ text: String, policy: SpecialTokenPolicy, threads: Int) throws -> [TokenID] {
        try withUTF8(text) { try encode(validUTF8: $0, policy: policy, threads: threads) }
    }

    /// The number of ids `encode(text, policy:)` returns, counted on up to `threads` threads.
    public func countTokens(_ text: String, policy: SpecialTokenPolicy, threads: Int) throws -> Int {
        try withUTF8(text) { try countTokens(validUTF8: $0, policy: policy, threads: threads) }
    }

    /// `encode(_:policy:threads:)` of valid UTF-8.
    package func encode(validUTF8 text: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy, threads: Int) throws -> [TokenID] {
        guard let parts = parallelParts(text, policy: policy, threads: threads) else { return try encode(validUTF8: text, policy: policy) }
        let whole = UncheckedSendableBox(text)
        return try concurrentMap(parts, threads: threads) { part in
            try encode(validUTF8: UnsafeBufferPointer(rebasing: whole.value[part]), policy: policy)
        }.flatMap { $0 }
    }

    /// `countTokens(_:policy:threads:)` of valid UTF-8.
    package func countTokens(validUTF8 text: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy, threads: Int) throws -> Int {
        try countTokens(text, policy: policy, threads: threads, validating: false)
    }

    /// `countTokens(_:policy:threads:)` of bytes not yet checked as UTF-8 (a mapped file, say):
    /// each part is checked on the thread that counts it, so the check is spread too.
    /// - Throws: `TokenizerError.invalidUTF8` with the offset of the first invalid byte.
    package func countTokens(utf8 bytes: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy, threads: Int) throws -> Int {
        try countTokens(bytes, policy: policy, threads: threads, validating: true)
    }

    /// The count of `text` in parts on up to `threads` threads, each part first checked as UTF-8
    /// when `validating`. Parts are cut after a line feed, so no character spans two of them, and
    /// the first failure in input order (the smallest offset) is the one thrown.
    private func countTokens(
        _ text: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy, threads: Int, validating: Bool
    ) throws -> Int {
        let parts = parallelParts(text, policy: policy, threads: threads) ?? [0..<text.count]
        let whole = UncheckedSendableBox(text)
        return try concurrentMap(parts, threads: threads) { part in
            let slice = UnsafeBufferPointer(rebasing: whole.value[part])
            if validating, let invalid = UTF8Decoding.firstInvalidOffset(slice) {
                throw TokenizerError.invalidUTF8(offset: part.lowerBound + invalid)
            }
            return try countTokens(validUTF8: slice, policy: policy)
        }.reduce(0, +)
    }

    /// `text` cut into about `16 × threads` parts (64 KB to 16 MB) at line starts, as byte
    /// ranges, or nil when it should be encoded whole: small parts, so that the threads end close
    /// together.
    private func parallelParts(_ bytes: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy, threads: Int) -> [Range<Int>]? {
        let minimumPart = 1 << 16, maximumPart = 1 << 24
        // Sixteen parts a thread balance the load; the cap keeps what one part's work holds at
        // once to a few megabytes, on one thread too (a huge mapped file).
        guard threads > 1 || bytes.count > maximumPart, bytes.count >= 2 * minimumPart,
              splitsAtLineStarts(under: policy) else { return nil }
        let target = min(max(minimumPart, bytes.count / (threads * 16)), maximumPart)
        var parts: [Range<Int>] = []
        var start = 0
        var index = target
        while index < bytes.count - 1 {
            // The next line start at or after `index` where the text may be cut.
            var cut = index
            while cut < bytes.count && !isLineStartCut(bytes, at: cut) { cut += 1 }
            guard cut < bytes.count else { break }
            parts.append(start..<cut)
            start = cut
            index = cut + target
        }
        guard !parts.isEmpty else { return nil }
        parts.append(start..<bytes.count)
        return parts
    }
}
