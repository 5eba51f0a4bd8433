/// Parses DeepSeek-V3 / R1 output: R1-style `<think>…</think>` reasoning, the answer, and the tool
/// calls in `<｜tool▁calls▁begin｜>…<｜tool▁calls▁end｜>`, one per `<｜tool▁call▁begin｜>`, written
/// `function<｜tool▁sep｜>NAME\n```json\nARGS\n```<｜tool▁call▁end｜>` (V3) or
/// `NAME<｜tool▁sep｜>ARGS<｜tool▁call▁end｜>` (V3.1); stops at `<｜end▁of▁sentence｜>`. Whole or
/// one token at a time; malformed output gives the text it has and an `OutputProblem`.
public struct DeepSeekOutputParser: ReasoningAssistantParser, Sendable {
    private var core: TaggedParserCore<DeepSeekStateMachine>

    /// A parser; with `startsInReasoning`, the output starts inside `<think>` (R1's prompt opens it).
    public init(startsInReasoning: Bool = false) { core = TaggedParserCore(startsInReasoning: startsInReasoning) }

    public var output: ParsedAssistantMessage { core.output }

    public var phase: OutputPhase { core.phase }

    public mutating func consume(_ token: GeneratedToken) -> [AssistantDelta] { core.consume(token.text) }

    public mutating func finish() -> [AssistantDelta] { core.finish() }
}

/// The state machine behind `DeepSeekOutputParser`.
struct DeepSeekStateMachine: TaggedStateMachine {
    enum State: Sendable {
        case content(afterToolCall: Bool)
        case reasoning
        /// Inside the calls section, between calls.
        case calls
        /// After `<｜tool▁call▁begin｜>`: the type (V3) or the name (V3.1).
        case header(String)
        /// After the separator. V3: name line, fence, arguments; V3.1: arguments.
        case body(index: Int, text: String, fenced: Bool, streamed: Int)
        case done
    }

    static let callsBegin = "<｜tool▁calls▁begin｜>"
    static let callsEnd = "<｜tool▁calls▁end｜>"
    static let callBegin = "<｜tool▁call▁begin｜>"
    static let callEnd = "<｜tool▁call▁end｜>"
    static let separator = "<｜tool▁sep｜>"
    static let endOfSentence = "<｜end▁of▁sentence｜>"
    static let fenceOpen = "```json\n"
    static let fenceClose = "\n```"
    static let markers = [
        "<think>", "</think>", callsBegin, callsEnd, callBegin, callEnd, separator, endOfSentence,
    ]

    var builder = AssistantOutputBuilder()
    private var state: State

    var phase: OutputPhase {
        switch state {
        case .content: return .content
        case .reasoning: return .reasoning
        case .calls, .header, .body: return .toolCall
        case .done: return .done
        }
    }

    init(startsInReasoning: Bool) {
        state = startsInReasoning ? .reasoning : .content(afterToolCall: false)
    }

    mutating func end(into deltas: inout [AssistantDelta]) {
        switch state {
        case .reasoning: builder.report(.unclosedReasoning, into: &deltas)
        case .header, .body: builder.report(.unclosedToolCall, into: &deltas)
        default: break
        }
        if case let .body(index, text, fenced, _) = state { closeCall(index, text, fenced: fenced, into: &deltas) }
        state = .done
    }

    mutating func handle(_ piece: MarkerSplitter.Piece, into deltas: inout [AssistantDelta]) {
        switch (state, piece) {
        case (.done, _):
            if case let .text(text) = piece, text.unicodeScalars.allSatisfy(PythonCharacters.isSpace) { break }
            if !builder.output.problems.contains(.textAfterEnd) { builder.report(.textAfterEnd, into: &deltas) }
        case (_, .marker(Self.endOfSentence)):
            end(into: &deltas)
        case (.reasoning, .marker("</think>")):
            builder.closeReasoning()
            state = .content(afterToolCall: false)
        case let (.reasoning, .text(text)), let (.reasoning, .marker(text)):
            builder.addReasoning(text, into: &deltas)
        case (.content(false), .marker("<think>")) where builder.contentSoFar.isEmpty && !builder.hasReasoning:
            state = .reasoning
        case (.content(false), .marker("</think>")) where builder.contentSoFar.isEmpty && !builder.hasReasoning:
            builder.closeReasoning()
        case (.content, .marker("</think>")):
            builder.report(.unexpectedEndOfReasoning, into: &deltas)
        case (.content, .marker(Self.callsBegin)), (.content, .marker(Self.callBegin)):
            state = .calls
            if case .marker(Self.callBegin) = piece { state = .header("") }
        case let (.content(after), .text(text)), let (.content(after), .marker(text)):
            builder.addContent(text, afterToolCall: after, into: &deltas)
        case (.calls, .marker(Self.callBegin)):
            state = .header("")
        case (.calls, .marker(Self.callsEnd)):
            state = .content(afterToolCall: true)
        case let (.calls, .text(text)), let (.calls, .marker(text)):
            builder.addContent(text, afterToolCall: true, into: &deltas)
        case let (.header(kind), .marker(Self.separator)):
            let index = builder.startToolCall(droppingNewlines: 0, into: &deltas)
            let fenced = PythonStrings.strip(kind, characters: nil, leading: true, trailing: true) == "function"
            if !fenced { builder.setToolName(index, PythonStrings.strip(kind, characters: nil, leading: true, trailing: true), into: &deltas) }
            state = .body(index: index, text: "", fenced: fenced, streamed: 0)
        case let (.header(kind), .text(text)), let (.header(kind), .marker(text)):
            state = .header(kind + text)
        case let (.body(index, text, fenced, _), .marker(Self.callEnd)):
            closeCall(index, text, fenced: fenced, into: &deltas)
            state = .calls
        case let (.body(index, text, fenced, streamed), .text(more)), let (.body(index, text, fenced, streamed), .marker(more)):
            let extended = text + more
            var count = streamed
            stream(index, extended, fenced: fenced, streamed: &count, into: &deltas)
            state = .body(index: index, text: extended, fenced: fenced, streamed: count)
        }
    }

    /// The name and the arguments text of a call body seen so far; `final` when the call is closed.
    private func parts(_ text: String, fenced: Bool, final: Bool) -> (name: String?, arguments: [Unicode.Scalar]) {
        let scalars = PythonStrings.scalars(text)
        guard fenced else { return (nil, final ? trimmed(scalars) : scalars) }
        guard let newline = scalars.firstIndex(of: "\n") else { return (nil, []) }
        let name = PythonStrings.string(scalars[..<newline])
        var rest = Array(scalars[(newline + 1)...])
        let fence = PythonStrings.scalars(Self.fenceOpen)
        if rest.starts(with: fence) {
            rest.removeFirst(fence.count)
        } else if fence.starts(with: rest) && !final {
            return (name, [])
        }
        let close = PythonStrings.scalars(Self.fenceClose)
        if final {
            if rest.count >= close.count, rest.suffix(close.count).elementsEqual(close) { rest.removeLast(close.count) }
            return (name, rest)
        }
        var keep = rest.count
        for length in stride(from: min(close.count, rest.count), to: 0, by: -1)
        where rest.suffix(length).elementsEqual(close.prefix(length)) {
            keep = rest.count - length
            break
        }
        return (name, Array(rest[..<keep]))
    }

    private func trimmed(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        PythonStrings.scalars(PythonStrings.strip(PythonStrings.string(scalars), characters: nil, leading: true, trailing: true))
    }

    private mutating func stream(_ index: Int, _ text: String, fenced: Bool, streamed: inout Int, into deltas: inout [AssistantDelta]) {
        let (name, arguments) = parts(text, fenced: fenced, final: false)
        if let name, builder.output.toolCalls[index].name.isEmpty { builder.setToolName(index, name, into: &deltas) }
        var visible = arguments
        if !fenced {
            var start = 0
            while start < visible.count, PythonCharacters.isSpace(visible[start]) { start += 1 }
            var end = visible.count
            while end > start, PythonCharacters.isSpace(visible[end - 1]) { end -= 1 }
            visible = Array(visible[start..<end])
        }
        if visible.count > streamed {
            builder.addArguments(index, PythonStrings.string(visible[streamed...]), into: &deltas)
            streamed = visible.count
        }
    }

    private mutating func closeCall(_ index: Int, _ text: String, fenced: Bool, into deltas: inout [AssistantDelta]) {
        let (name, arguments) = parts(text, fenced: fenced, final: true)
        if let name, builder.output.toolCalls[index].name.isEmpty { builder.setToolName(index, name, into: &deltas) }
        let sent = builder.output.toolCalls[index].arguments.unicodeScalars.count
        if arguments.count > sent { builder.addArguments(index, PythonStrings.string(arguments[sent...]), into: &deltas) }
        if (try? TemplateValue(json: builder.output.toolCalls[index].arguments)) == nil {
            builder.report(.invalidToolArguments(index: index), into: &deltas)
        }
    }
}
