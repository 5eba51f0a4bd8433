import TokenizerCore

/// A `StreamingOutputParser` of assistant output in a text-marker format: it reads each token's
/// text, reports `AssistantDelta`s, and never throws (malformed output is an `OutputProblem`).
public protocol StreamingAssistantParser: StreamingOutputParser where Delta == AssistantDelta {
    /// Feeds one token; returns the deltas it completed (text that may still turn out to start a
    /// marker is held until the next token decides).
    mutating func consume(_ token: GeneratedToken) -> [AssistantDelta]
    /// Ends the stream; returns the last deltas.
    mutating func finish() -> [AssistantDelta]
}

extension StreamingAssistantParser {
    /// Feeds tokens in order and finishes; returns every delta.
    public mutating func consumeAll<S: Sequence>(_ tokens: S) -> [AssistantDelta] where S.Element == GeneratedToken {
        var deltas: [AssistantDelta] = []
        for token in tokens { deltas += consume(token) }
        return deltas + finish()
    }
}
