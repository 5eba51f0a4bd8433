import BytePairEncoding
import Pretokenization
import TokenizerCore

/// A byte-level BPE encoding in tiktoken's model: mergeable ranks, a pre-tokenization pattern and
/// special tokens. Gives exactly tiktoken 0.14.0's ids. Immutable and safe to share across threads.
public struct TiktokenEncoding: Sendable {
    /// The encoding's name (e.g. "o200k_harmony").
    public let name: String
    /// The pre-tokenization pattern, as published.
    public let pattern: String
    /// The mergeable ranks (ordinary tokens).
    public let ranks: MergeableRanks
    /// The special tokens.
    public let specialTokens: SpecialTokens
    /// The tokens with roles (tiktoken's `eot_token` is the eos) and the ids that end generation.
    public let specialTokenRoles: SpecialTokenRoles
    let splitter: any PieceSplitter
    /// Pieces → ids, kept across calls and shared by copies (exact results only).
    let pieceCache = PieceCachePool()

    /// Builds an encoding.
    /// - Parameter roles: the tokens with roles; by default `<|endoftext|>`, when present, is the
    ///   eos (tiktoken's `eot_token`).
    /// - Throws: `TokenizerError.pattern` when the pattern cannot be compiled exactly;
    ///   `.malformedVocabulary` when a single byte is not a token (byte-level BPE needs all 256).
    public init(
        name: String, pattern: String, ranks: MergeableRanks, specialTokens: SpecialTokens, roles: SpecialTokenRoles? = nil
    ) throws {
        for byte in 0...255 where ranks.rank(of: [UInt8(byte)]) == nil {
            throw TokenizerError.malformedVocabulary(
                source: name, line: nil, reason: "byte 0x\(String(byte, radix: 16)) is not a token; byte-level BPE needs all 256")
        }
        self.name = name
        self.pattern = pattern
        self.ranks = ranks
        self.specialTokens = specialTokens
        specialTokenRoles = roles ?? SpecialTokenRoles(
            eos: specialTokens.id(of: "<|endoftext|>").map { SpecialTokenRoles.Token(text: "<|endoftext|>", id: $0) })
        do {
            splitter = try RegexSplitter.best(for: pattern)
        } catch let error as RegexError {
            throw TokenizerError.pattern(error)
        }
    }

    /// One more than the largest token id, specials included (tiktoken's `n_vocab`).
    public var vocabularySize: Int {
        max(ranks.rankLimit, (specialTokens.entries.map { Int($0.id) }.max() ?? -1) + 1)
    }

    /// The piece cache's size and hit rate since loading.
    public var pieceCacheStatistics: PieceCacheStatistics { pieceCache.statistics }

    /// The set of special token texts.
    public var specialTokenTexts: Set<String> { Set(specialTokens.entries.map(\.text)) }
}
