import BytePairEncoding

/// One entry of a `tokenizer.json`'s `added_tokens`.
public struct HuggingFaceAddedToken: Sendable, Equatable {
    public let id: TokenID
    public let content: String
    /// A control token: skipped by `decode(skipSpecialTokens: true)`, never matched in untrusted text.
    public let special: Bool
    /// Matched on normalized text (after the normalizer) instead of the raw text.
    public let normalized: Bool
    /// Also takes the white space on its left.
    public let lstrip: Bool
    /// Also takes the white space on its right.
    public let rstrip: Bool
    /// Matches only when not inside a word.
    public let singleWord: Bool

    public init(id: TokenID, content: String, special: Bool, normalized: Bool, lstrip: Bool, rstrip: Bool, singleWord: Bool) {
        self.id = id; self.content = content; self.special = special; self.normalized = normalized
        self.lstrip = lstrip; self.rstrip = rstrip; self.singleWord = singleWord
    }
}
