/// What one token added to an assistant message being parsed.
public enum AssistantDelta: Sendable, Equatable {
    /// Reasoning text (`reasoning_content`).
    case reasoning(String)
    /// Answer text (`content`).
    case content(String)
    /// A tool call started; `index` counts calls from 0.
    case toolCallStarted(index: Int)
    /// The called function's name, once known.
    case toolCallName(index: Int, name: String)
    /// Part of the call's arguments (JSON text); the parts join to the final `arguments`.
    case toolCallArguments(index: Int, fragment: String)
    /// The output is malformed here; the parse goes on with what it has.
    case problem(OutputProblem)
}

/// A malformed stretch of model output. Parsers never fail: they report these and keep the text.
public enum OutputProblem: Sendable, Equatable, CustomStringConvertible {
    /// The output ended inside the reasoning block (no `</think>`).
    case unclosedReasoning
    /// `</think>` came without a reasoning block open (the prompt may have opened it: parse with
    /// `startsInReasoning`).
    case unexpectedEndOfReasoning
    /// The output ended inside a tool call; its text went to the content.
    case unclosedToolCall
    /// A tool call that is not valid; its text went to the content.
    case invalidToolCall(String)
    /// A tool call whose arguments are not valid JSON (the call is kept as written).
    case invalidToolArguments(index: Int)
    /// Text after the end-of-turn token was ignored.
    case textAfterEnd

    public var description: String {
        switch self {
        case .unclosedReasoning: return "the reasoning block is not closed"
        case .unexpectedEndOfReasoning: return "end of reasoning without a reasoning block"
        case .unclosedToolCall: return "the tool call is not closed"
        case let .invalidToolCall(reason): return "invalid tool call: \(reason)"
        case let .invalidToolArguments(index): return "tool call \(index) has arguments that are not JSON"
        case .textAfterEnd: return "text after the end of the turn"
        }
    }
}
