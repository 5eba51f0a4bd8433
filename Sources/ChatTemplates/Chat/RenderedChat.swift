/// A rendered conversation: its text, and how the tokenization step must encode it.
public struct RenderedChat: Sendable, Equatable {
    /// A stretch of the rendered text.
    public enum Segment: Sendable, Equatable {
        /// Text to encode normally: the template's own control tokens become control tokens.
        case text(String)
        /// A control token's text that came from the input: encode it as plain text.
        case controlTokenAsText(String)

        /// The segment's text.
        public var text: String {
            switch self {
            case let .text(text), let .controlTokenAsText(text): return text
            }
        }
    }

    /// The rendered text (without sanitization markers).
    public let text: String
    /// The text in segments. Without sanitization there is one `.text` segment. With it, the
    /// first segment is the text before the first marker (possibly empty); segments after it are
    /// encoded the way transformers' `encode_marked_chat` encodes its pieces.
    public let segments: [Segment]
    /// The `{% generation %}` spans as Unicode-scalar offsets into `text` (recorded on request).
    public let generationSpans: [Range<Int>]
}
