/// A parser of model output that takes one generated token at a time and reports what each token
/// added: the shape every chat format's output parser shares (harmony's `StreamableParser`, the
/// Qwen and DeepSeek parsers of ChatTemplates), so that generation loops and the CLI drive any of
/// them the same way.
public protocol StreamingOutputParser {
    /// What one token can add (a reasoning or content delta, a tool call's name or arguments).
    associatedtype Delta
    /// What the finished parse gives (an assistant message, harmony's messages).
    associatedtype Output

    /// Feeds one token; returns the deltas it completed.
    /// - Throws: the format's parse error, for formats that have strict parsing (harmony).
    mutating func consume(_ token: GeneratedToken) throws -> [Delta]
    /// Ends the stream; returns the last deltas.
    mutating func finish() throws -> [Delta]
    /// The result so far (complete after `finish`).
    var output: Output { get }
}

extension StreamingOutputParser {
    /// Feeds tokens in order and finishes; returns every delta.
    public mutating func consumeAll<S: Sequence>(_ tokens: S) throws -> [Delta] where S.Element == GeneratedToken {
        var deltas: [Delta] = []
        for token in tokens { deltas += try consume(token) }
        return deltas + (try finish())
    }
}
