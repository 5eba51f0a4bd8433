/// A parser of assistant output that takes one generated token at a time and reports what each
/// token added. Harmony's `StreamableParser` fits the same shape (tokens in, channel deltas out).
public protocol StreamingAssistantParser {
    /// What the finished parse gives.
    associatedtype Output
    /// Feeds one token; returns the deltas it completed (text that may still turn out to start a
    /// marker is held until the next token decides).
    mutating func consume(_ token: GeneratedToken) -> [AssistantDelta]
    /// Ends the stream; returns the last deltas.
    mutating func finish() -> [AssistantDelta]
    /// The result so far (complete after `finish`).
    var output: Output { get }
}

extension StreamingAssistantParser {
    /// Feeds tokens in order and finishes; returns every delta.
    public mutating func consumeAll<S: Sequence>(_ tokens: S) -> [AssistantDelta] where S.Element == GeneratedToken {
        var deltas: [AssistantDelta] = []
        for token in tokens { deltas += consume(token) }
        return deltas + finish()
    }
}
