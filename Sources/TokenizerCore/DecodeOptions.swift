/// How `Tokenizer.decode(_:options:)` turns ids into text.
public struct DecodeOptions: Sendable, Hashable {
    /// What happens to bytes that are not valid UTF-8.
    public enum InvalidUTF8: Sendable, Hashable {
        /// They are an error naming the byte offset (tiktoken's `decode(errors="strict")`).
        case fail
        /// They become U+FFFD as Python's `errors="replace"` (tokenizers always decodes this way).
        case replace
    }

    /// Invalid UTF-8 handling (default: `.fail`).
    public var invalidUTF8: InvalidUTF8
    /// Whether special tokens are left out of the text (transformers' `skip_special_tokens`).
    public var skipSpecialTokens: Bool

    public init(invalidUTF8: InvalidUTF8 = .fail, skipSpecialTokens: Bool = false) {
        self.invalidUTF8 = invalidUTF8
        self.skipSpecialTokens = skipSpecialTokens
    }

    /// Strict UTF-8, special tokens kept.
    public static let strict = DecodeOptions()
    /// Invalid UTF-8 replaced by U+FFFD, special tokens kept.
    public static let lossy = DecodeOptions(invalidUTF8: .replace)
}
