/// How `JSONValue(parsing:options:)` reads a document.
public struct JSONParsingOptions: Sendable, Equatable {
    /// What a `\uD800`–`\uDFFF` escape that is not half of a surrogate pair becomes.
    public enum LoneSurrogateHandling: Sendable, Equatable {
        /// An error, as serde_json (tokenizers, openai-harmony) reports it.
        case reject
        /// U+FFFD: Python's `json` reads the lone surrogate into a `str`, and tiktoken then encodes it
        /// as U+FFFD; this gives the same text.
        case replaceWithReplacementCharacter
    }

    /// What a lone surrogate escape becomes (default: an error).
    public var loneSurrogates: LoneSurrogateHandling
    /// Whether a leading UTF-8 byte order mark is skipped (default: it is an error, as in serde_json).
    public var allowsByteOrderMark: Bool
    /// Dotted member paths (`"model.merges"`) whose values are only checked for syntax and read as
    /// `null`; the parser reports their spans (with their element counts). Arrays on the way are not part of the path.
    package var skippedPaths: Set<String> = []
    /// The document is known to be valid JSON (its hash was checked): a skipped array or object
    /// is crossed by its strings and brackets alone, without checking its syntax, or, when its
    /// span is in `knownSpans` (and starts where the value does), jumped over.
    package var skippedValuesAreValid = false
    /// Spans of skipped paths measured in an earlier read of the same document.
    package var knownSpans: [String: JSONSpan] = [:]
    /// Dotted member paths whose spans are reported although they are read (see `skippedPaths`).
    package var measuredPaths: Set<String> = []

    public init(loneSurrogates: LoneSurrogateHandling = .reject, allowsByteOrderMark: Bool = false) {
        self.loneSurrogates = loneSurrogates
        self.allowsByteOrderMark = allowsByteOrderMark
    }
}
