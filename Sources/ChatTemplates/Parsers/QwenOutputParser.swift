/// Parses Qwen3, QwQ and Qwen2.5 (Hermes tool-call) output: `<think>…</think>` reasoning (also
/// when the prompt already opened the block), the answer, and
/// `<tool_call>{"name": …, "arguments": …}</tool_call>` calls; stops at `<|im_end|>` or
/// `<|endoftext|>`. Whole or one token at a time; malformed output gives the text it has and an
/// `OutputProblem`, never an error.
public struct QwenOutputParser: ReasoningAssistantParser, Sendable {
    private var core: TaggedParserCore<QwenStateMachine>

    /// A parser; with `startsInReasoning`, the output starts inside `<think>` (QwQ's prompt opens it).
    public init(startsInReasoning: Bool = false) { core = TaggedParserCore(startsInReasoning: startsInReasoning) }

    public var output: ParsedAssistantMessage { core.output }

    public var phase: OutputPhase { core.phase }

    public mutating func consume(_ token: GeneratedToken) -> [AssistantDelta] { core.consume(token.text) }

    public mutating func finish() -> [AssistantDelta] { core.finish() }
}

/// The state machine behind `QwenOutputParser`.
struct QwenStateMachine: TaggedStateMachine {
    enum State: Sendable {
        case content(afterToolCall: Bool)
        case reasoning
        case toolCall(index: Int, body: String, streamed: Int, named: Bool)
        case done
    }

    static let markers = ["<think>", "</think>", "<tool_call>", "</tool_call>", "<|im_end|>", "<|endoftext|>"]

    var builder = AssistantOutputBuilder()
    private var state: State

    var phase: OutputPhase {
        switch state {
        case .content: return .content
        case .reasoning: return .reasoning
        case .toolCall: return .toolCall
        case .done: return .done
        }
    }

    init(startsInReasoning: Bool) {
        state = startsInReasoning ? .reasoning : .content(afterToolCall: false)
    }

    mutating func end(into deltas: inout [AssistantDelta]) {
        switch state {
        case .reasoning:
            builder.report(.unclosedReasoning, into: &deltas)
        case let .toolCall(index, body, _, _):
            builder.report(.unclosedToolCall, into: &deltas)
            builder.abandonToolCall(index, text: "<tool_call>" + body, into: &deltas)
        default: break
        }
        state = .done
    }

    mutating func handle(_ piece: MarkerSplitter.Piece, into deltas: inout [AssistantDelta]) {
        switch (state, piece) {
        case (.done, _):
            if case let .text(text) = piece, text.unicodeScalars.allSatisfy(PythonCharacters.isSpace) { break }
            if !builder.output.problems.contains(.textAfterEnd) { builder.report(.textAfterEnd, into: &deltas) }
        case (_, .marker("<|im_end|>")), (_, .marker("<|endoftext|>")):
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
        case let (.content(after), .marker("<tool_call>")):
            let index = builder.startToolCall(droppingNewlines: after ? 0 : 1, into: &deltas)
            state = .toolCall(index: index, body: "", streamed: 0, named: false)
        case let (.content(after), .text(text)), let (.content(after), .marker(text)):
            builder.addContent(text, afterToolCall: after, into: &deltas)
        case let (.toolCall(index, body, _, _), .marker("</tool_call>")):
            closeToolCall(index, body, into: &deltas)
            state = .content(afterToolCall: true)
        case let (.toolCall(index, body, streamed, named), .text(text)), let (.toolCall(index, body, streamed, named), .marker(text)):
            let extended = body + text
            var streamedCount = streamed
            var hasName = named
            stream(index, extended, &streamedCount, &hasName, into: &deltas)
            state = .toolCall(index: index, body: extended, streamed: streamedCount, named: hasName)
        }
    }

    /// Sends the name once complete and the arguments text as it arrives (string-valued
    /// arguments are sent whole when the call closes).
    private mutating func stream(_ index: Int, _ body: String, _ streamed: inout Int, _ named: inout Bool, into deltas: inout [AssistantDelta]) {
        let scalars = PythonStrings.scalars(body)
        let scan = ToolCallJSONScanner.scan(scalars)
        if !named, let name = scan.name {
            builder.setToolName(index, name, into: &deltas)
            named = true
        }
        guard let start = scan.argumentsStart, !scan.argumentsIsString else { return }
        let end = scan.argumentsEnd ?? scalars.count
        if start + streamed < end {
            builder.addArguments(index, PythonStrings.string(scalars[(start + streamed)..<end]), into: &deltas)
            streamed = end - start
        }
    }

    private mutating func closeToolCall(_ index: Int, _ body: String, into deltas: inout [AssistantDelta]) {
        let scalars = PythonStrings.scalars(body)
        let scan = ToolCallJSONScanner.scan(scalars)
        let parsed = try? TemplateValue(json: body)
        guard case let .dictionary(object)? = parsed, case let .string(name)? = object["name"] else {
            builder.report(.invalidToolCall(parsed == nil ? "not JSON" : "no function name"), into: &deltas)
            builder.abandonToolCall(index, text: "<tool_call>" + body + "</tool_call>", into: &deltas)
            return
        }
        if builder.output.toolCalls[index].name.isEmpty { builder.setToolName(index, name, into: &deltas) }
        let arguments = builder.output.toolCalls[index].arguments
        if case let .string(text)? = object["arguments"] {
            builder.addArguments(index, text, into: &deltas)
        } else if object["arguments"] == nil, arguments.isEmpty {
            builder.addArguments(index, "{}", into: &deltas)
        } else if let start = scan.argumentsStart, let end = scan.argumentsEnd, arguments.unicodeScalars.count < end - start {
            builder.addArguments(index, PythonStrings.string(scalars[(start + arguments.unicodeScalars.count)..<end]), into: &deltas)
        }
    }
}
