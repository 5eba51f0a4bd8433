/// The state machine of one output format: it reads marker-split pieces into an
/// `AssistantOutputBuilder`.
protocol TaggedStateMachine: Sendable {
    /// The marker strings the format splits its output at.
    static var markers: [String] { get }
    var builder: AssistantOutputBuilder { get set }
    init(startsInReasoning: Bool)
    /// Where the machine is.
    var phase: OutputPhase { get }
    /// One piece of output.
    mutating func handle(_ piece: MarkerSplitter.Piece, into deltas: inout [AssistantDelta])
    /// The end of the turn (or of the stream).
    mutating func end(into deltas: inout [AssistantDelta])
}

/// What every marker-based parser does: split, hand the pieces to the format's machine, and
/// finish the message once.
struct TaggedParserCore<Machine: TaggedStateMachine>: Sendable {
    private var splitter = MarkerSplitter(markers: Machine.markers)
    private var machine: Machine
    private var finished: ParsedAssistantMessage?

    init(startsInReasoning: Bool) { machine = Machine(startsInReasoning: startsInReasoning) }

    var output: ParsedAssistantMessage { finished ?? machine.builder.output }

    var phase: OutputPhase { finished == nil ? machine.phase : .done }

    mutating func consume(_ text: String) -> [AssistantDelta] {
        var deltas: [AssistantDelta] = []
        for piece in splitter.feed(text) { machine.handle(piece, into: &deltas) }
        return deltas
    }

    mutating func finish() -> [AssistantDelta] {
        var deltas: [AssistantDelta] = []
        for piece in splitter.flush() { machine.handle(piece, into: &deltas) }
        machine.end(into: &deltas)
        finished = machine.builder.finish(into: &deltas)
        return deltas
    }
}

/// A parser whose output may start inside a reasoning block that the prompt opened.
public protocol ReasoningAssistantParser: StreamingAssistantParser where Output == ParsedAssistantMessage {
    /// A parser; `startsInReasoning` when the prompt ended with an open `<think>` block (QwQ's,
    /// DeepSeek-R1's and R1-distill's generation prompts do).
    init(startsInReasoning: Bool)
    /// Where the parser is in the message.
    var phase: OutputPhase { get }
}

extension ReasoningAssistantParser {
    /// A parser for the output that follows `prompt`: it starts in reasoning when the prompt
    /// ends with an open `<think>` block.
    public init(prompt: String) {
        let trimmed = PythonStrings.strip(prompt, characters: nil, leading: false, trailing: true)
        self.init(startsInReasoning: PythonStrings.hasSuffix(trimmed, "<think>"))
    }

    /// Parses a whole completion.
    public static func parse(_ text: String, startsInReasoning: Bool = false) -> ParsedAssistantMessage {
        var parser = Self(startsInReasoning: startsInReasoning)
        _ = parser.consume(GeneratedToken(id: 0, text: text))
        _ = parser.finish()
        return parser.output
    }
}
