import BytePairEncoding
import Pretokenization
import TokenizerCore

/// A tokenizer read from a Hugging Face `tokenizer.json` (and optional `tokenizer_config.json`),
/// giving exactly the ids and text of tokenizers 0.23.3: normalizer, pre-tokenizer, BPE model,
/// added tokens, post-processor and decoder are data read from the file. Immutable and safe to
/// share across threads.
public struct HuggingFaceTokenizer: Sendable {
    /// The tokenizer's name.
    public let name: String
    /// The normalizer, if any.
    public let normalizer: HuggingFaceNormalizer?
    /// The pre-tokenizer, if any.
    public let preTokenizer: HuggingFacePreTokenizer?
    /// The BPE model.
    public let model: HuggingFaceBPEModel
    /// The post-processor in effect.
    public let postProcessor: HuggingFacePostProcessor?
    /// The decoder, if any.
    public let decoder: HuggingFaceDecoder?
    /// The file's `truncation`, applied by `encode` as tokenizers applies it.
    public let truncation: TruncationParameters?
    /// The file's `padding`, applied by `encode` as tokenizers applies it.
    public let padding: PaddingParameters?
    /// The tokens with roles (from `tokenizer_config.json`) and the ids that end generation.
    public internal(set) var specialTokenRoles: SpecialTokenRoles
    /// What `tokenizer_config.json` says about adding BOS / EOS (informative: the post-processor
    /// is what adds them).
    public let configFlags: TokenizerConfig.Flags
    let addedVocabulary: HuggingFaceAddedVocabulary
    /// A single splitter that does the whole pre-tokenization (the common `Split` + `ByteLevel`).
    let directSplitter: (any PieceSplitter)?
    let specialIDs: Set<TokenID>

    /// The added tokens, in file order.
    public var addedTokens: [HuggingFaceAddedToken] { addedVocabulary.tokens }

    /// One more than the largest id of the vocabulary and the added tokens.
    public var vocabularySize: Int {
        max(model.tokens.count, (addedTokens.map { Int($0.id) }.max() ?? -1) + 1)
    }
}
