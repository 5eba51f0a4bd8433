import TokenizerSuiteTestSupport
import ChatTemplates
import Testing

/// The parsers on output no template renders: DeepSeek-V3's fenced calls, open reasoning, and
/// malformed text; and streaming that does not depend on where tokens split.
@Suite struct ParserBehaviorTests {
    static let samples: [(deepSeek: Bool, reasoning: Bool, text: String)] = [
        (true, false, "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{\"city\": \"Paris\"}\n```<｜tool▁call▁end｜>\n<｜tool▁call▁begin｜>function<｜tool▁sep｜>noop\n```json\n{}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜><｜end▁of▁sentence｜>"),
        (true, true, "Let me think.\n</think>\n\nThe answer is 4.<｜end▁of▁sentence｜>"),
        (true, false, "<think>\nhmm\n</think>\n\nok"),
        (false, true, "step 1\nstep 2\n</think>\n\nDone.\n<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": [1, {\"b\": \"}\"}]}}\n</tool_call>"),
        (false, false, "<think>never closed"),
        (false, false, "Sure.\n<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": 1}\n</tool_call>"),
        (false, false, "Sure.\n<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\""),
        (false, false, "<tool_call>\n{\"arguments\": \"{\\\"x\\\": 2}\", \"name\": \"g\"}\n</tool_call><|im_end|>trailing"),
        (false, false, "plain </think> text <|endoftext|>"),
        (true, false, "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>f\n```json\n{not json}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>"),
    ]

    static func parse(_ sample: (deepSeek: Bool, reasoning: Bool, text: String), chunks: [String]) -> (ParsedAssistantMessage, String) {
        var deltas: [AssistantDelta] = []
        let tokens = chunks.map { GeneratedToken(id: 0, text: $0) }
        let message: ParsedAssistantMessage
        if sample.deepSeek {
            var parser = DeepSeekOutputParser(startsInReasoning: sample.reasoning)
            deltas = parser.consumeAll(tokens)
            message = parser.output
        } else {
            var parser = QwenOutputParser(startsInReasoning: sample.reasoning)
            deltas = parser.consumeAll(tokens)
            message = parser.output
        }
        return (message, ParserRoundTripTests.replay(deltas).openAIMessage.description)
    }

    @Test func fencedDeepSeekCallsAndOpenReasoning() {
        let calls = DeepSeekOutputParser.parse(Self.samples[0].text)
        #expect(calls.toolCalls == [.init(name: "get_weather", arguments: "{\"city\": \"Paris\"}"), .init(name: "noop", arguments: "{}")])
        #expect(calls.content == nil && calls.problems.isEmpty)
        let r1 = DeepSeekOutputParser.parse(Self.samples[1].text, startsInReasoning: true)
        #expect(r1.reasoningContent == "Let me think.")
        #expect(r1.content == "The answer is 4.")
        #expect(QwenOutputParser(prompt: "<|im_start|>assistant\n<think>\n").output == ParsedAssistantMessage())
        let qwq = QwenOutputParser.parse(Self.samples[3].text, startsInReasoning: true)
        #expect(qwq.reasoningContent == "step 1\nstep 2")
        #expect(qwq.toolCalls == [.init(name: "f", arguments: "{\"a\": [1, {\"b\": \"}\"}]}")])
        #expect(qwq.openAIMessage["tool_calls"]?.listValue?.first?["function"]?["arguments"] == "{\"a\": [1, {\"b\": \"}\"}]}")
    }

    @Test func malformedOutputKeepsItsTextAndNamesTheProblem() {
        let unclosed = QwenOutputParser.parse(Self.samples[4].text)
        #expect(unclosed.reasoningContent == "never closed")
        #expect(unclosed.problems == [.unclosedReasoning])
        let broken = QwenOutputParser.parse(Self.samples[5].text)
        #expect(broken.toolCalls.isEmpty)
        #expect(broken.content == "Sure.\n<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": 1}\n</tool_call>")
        #expect(broken.problems == [.invalidToolCall("not JSON")])
        let cut = QwenOutputParser.parse(Self.samples[6].text)
        #expect(cut.problems == [.unclosedToolCall])
        #expect(cut.content == "Sure.\n<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\"")
        let stringArguments = QwenOutputParser.parse(Self.samples[7].text)
        #expect(stringArguments.toolCalls == [.init(name: "g", arguments: "{\"x\": 2}")])
        #expect(stringArguments.problems == [.textAfterEnd])
        let stray = QwenOutputParser.parse(Self.samples[8].text)
        #expect(stray.content == "plain  text ")
        #expect(stray.problems == [.unexpectedEndOfReasoning])
        let badArguments = DeepSeekOutputParser.parse(Self.samples[9].text)
        #expect(badArguments.toolCalls == [.init(name: "f", arguments: "{not json}")])
        #expect(badArguments.problems == [.invalidToolArguments(index: 0)])
    }

    @Test func streamingDoesNotDependOnWhereTokensSplit() {
        var checks = 0
        for sample in Self.samples {
            let whole = Self.parse(sample, chunks: [sample.text])
            let scalars = Array(sample.text.unicodeScalars)
            let single = scalars.map { String($0) }
            #expect(Self.parse(sample, chunks: single).0 == whole.0)
            #expect(Self.parse(sample, chunks: single).1 == whole.1)
            for split in 0...scalars.count {
                let chunks = [String(String.UnicodeScalarView(scalars[..<split])), String(String.UnicodeScalarView(scalars[split...]))]
                let parsed = Self.parse(sample, chunks: chunks)
                #expect(parsed.0 == whole.0, "split at \(split) of \(sample.text.debugDescription)")
                #expect(parsed.1 == whole.1)
                checks += 1
            }
        }
        TestReport.note("parser chunking: \(checks) splits")
    }
}

extension TemplateValue: CustomStringConvertible {
    public var description: String {
        switch self {
        case .none: return "null"
        case let .bool(flag): return String(flag)
        case let .int(number): return String(number)
        case let .float(number): return String(number)
        case let .string(text): return text.debugDescription
        case let .list(items): return "[" + items.map(\.description).joined(separator: ",") + "]"
        case let .dictionary(dictionary): return "{" + dictionary.entries.map { "\($0.key.debugDescription):\($0.value)" }.joined(separator: ",") + "}"
        }
    }
}
