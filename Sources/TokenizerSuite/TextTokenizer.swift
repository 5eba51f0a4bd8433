import BytePairEncoding

/// What every tokenizer of the suite offers, whatever its file format: ordinary-text encoding,
/// counting and decoding. `TiktokenEncoding` and `HuggingFaceTokenizer` conform.
public protocol TextTokenizer: Sendable {
    /// The tokenizer's name (e.g. "o200k_harmony", "qwen3").
    var name: String { get }
    /// One more than the largest token id.
    var vocabularySize: Int { get }
    /// The ids of `text` read as plain text: no special or added token is matched, none is added.
    func encodeOrdinary(_ text: String) throws -> [TokenID]
    /// The text of `ids`, with invalid UTF-8 replaced by U+FFFD.
    func decodeLossy(_ ids: [TokenID]) throws -> String
    /// A multi-line description of the vocabulary and pipeline.
    var pipelineDescription: String { get }
}

extension TiktokenEncoding: TextTokenizer {
    public func decodeLossy(_ ids: [TokenID]) throws -> String {
        UTF8Decoding.lossy(try decodeBytes(ids))
    }

    public var pipelineDescription: String {
        """
        format: tiktoken
        ranks: \(ranks.count)
        special tokens: \(specialTokens.count)
        pattern: \(pattern)
        """
    }
}
