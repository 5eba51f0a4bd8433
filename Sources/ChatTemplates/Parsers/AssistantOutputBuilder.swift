/// The parts of an assistant message being parsed, with the newline rules chat templates put
/// around them: reasoning loses its leading and trailing newlines, content its leading ones (and
/// the newline before a tool call), and whitespace between tool calls is dropped. Text is held
/// only while those rules cannot yet decide.
struct AssistantOutputBuilder: Sendable {
    private(set) var output = ParsedAssistantMessage()
    private var reasoning = ""
    private var reasoningStarted = false
    private var reasoningNewlines = ""
    private var content = ""
    private var contentNewlines = ""
    private var gap = ""
    private var hasContent = false
    private var arguments: [String] = []

    var contentSoFar: String { content }
    var hasReasoning: Bool { reasoningStarted }
    var toolCallCount: Int { output.toolCalls.count }

    mutating func addReasoning(_ text: String, into deltas: inout [AssistantDelta]) {
        var emitted = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if reasoningStarted { reasoningNewlines.unicodeScalars.append(scalar) }
            } else {
                emitted += reasoningNewlines
                reasoningNewlines = ""
                emitted.unicodeScalars.append(scalar)
                reasoningStarted = true
            }
        }
        if !emitted.isEmpty {
            reasoning += emitted
            deltas.append(.reasoning(emitted))
        }
    }

    /// Closes the reasoning block: its trailing newlines are dropped.
    mutating func closeReasoning() {
        reasoningNewlines = ""
        reasoningStarted = true
    }

    /// Content text; after a tool call, whitespace-only text is held as a gap until other text
    /// (or another call) decides.
    mutating func addContent(_ text: String, afterToolCall: Bool, into deltas: inout [AssistantDelta]) {
        var text = text
        if afterToolCall && !contentAfterCalls {
            if text.unicodeScalars.allSatisfy(PythonCharacters.isSpace) {
                gap += text
                return
            }
            text = gap + text
            gap = ""
            contentAfterCalls = true
        }
        var emitted = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if hasContent { contentNewlines.unicodeScalars.append(scalar) }
            } else {
                emitted += contentNewlines
                contentNewlines = ""
                hasContent = true
                emitted.unicodeScalars.append(scalar)
            }
        }
        if !emitted.isEmpty {
            content += emitted
            deltas.append(.content(emitted))
        }
    }

    private var contentAfterCalls = false

    /// Raw text that goes to the content as it is (a malformed tool call).
    mutating func addRawContent(_ text: String, into deltas: inout [AssistantDelta]) {
        let text = contentNewlines + gap + text
        contentNewlines = ""
        gap = ""
        hasContent = true
        content += text
        deltas.append(.content(text))
    }

    /// A tool call begins: the content's held newlines lose `dropNewlines` of them.
    mutating func startToolCall(droppingNewlines dropNewlines: Int, into deltas: inout [AssistantDelta]) -> Int {
        var newlines = contentNewlines
        droppedNewlines = ""
        for _ in 0..<dropNewlines where !newlines.isEmpty {
            newlines.removeLast()
            droppedNewlines += "\n"
        }
        if !newlines.isEmpty {
            content += newlines
            deltas.append(.content(newlines))
        }
        contentNewlines = ""
        gap = ""
        contentAfterCalls = false
        let index = output.toolCalls.count
        output.toolCalls.append(.init(name: "", arguments: ""))
        deltas.append(.toolCallStarted(index: index))
        return index
    }

    mutating func setToolName(_ index: Int, _ name: String, into deltas: inout [AssistantDelta]) {
        output.toolCalls[index].name = name
        deltas.append(.toolCallName(index: index, name: name))
    }

    mutating func addArguments(_ index: Int, _ fragment: String, into deltas: inout [AssistantDelta]) {
        guard !fragment.isEmpty else { return }
        output.toolCalls[index].arguments += fragment
        deltas.append(.toolCallArguments(index: index, fragment: fragment))
    }

    private var droppedNewlines = ""

    /// Drops a call that turned out invalid (its deltas were already sent) and puts its text,
    /// with the newline dropped before it, into the content.
    mutating func abandonToolCall(_ index: Int, text: String, into deltas: inout [AssistantDelta]) {
        output.toolCalls.remove(at: index)
        addRawContent(droppedNewlines + text, into: &deltas)
        droppedNewlines = ""
    }

    mutating func report(_ problem: OutputProblem, into deltas: inout [AssistantDelta]) {
        output.problems.append(problem)
        deltas.append(.problem(problem))
    }

    /// The end of the stream: content keeps its trailing newlines; reasoning and gaps are dropped.
    mutating func finish(into deltas: inout [AssistantDelta]) -> ParsedAssistantMessage {
        if !contentNewlines.isEmpty {
            content += contentNewlines
            deltas.append(.content(contentNewlines))
            contentNewlines = ""
        }
        var result = output
        result.content = content.isEmpty ? nil : content
        result.reasoningContent = reasoning.isEmpty ? nil : reasoning
        return result
    }
}
