import TokenizerSuiteTestSupport
import ChatTemplates
import Testing
import TokenizerSuite

/// Every assistant message the templates can render parses back, whole and one token at a time.
@Suite struct ParserRoundTripTests {
    struct Family {
        let template: String
        let tokenizer: String
        let header: String
        let deepSeek: Bool
        let keepsReasoning: Bool
        let keepsToolCalls: Bool
    }

    static let families = [
        Family(template: "qwen3", tokenizer: "qwen3", header: "<|im_start|>assistant\n", deepSeek: false, keepsReasoning: true, keepsToolCalls: true),
        Family(template: "trl-qwen3_training", tokenizer: "qwen3", header: "<|im_start|>assistant\n", deepSeek: false, keepsReasoning: true, keepsToolCalls: true),
        Family(template: "Qwen-Qwen2.5-7B-Instruct", tokenizer: "qwen3", header: "<|im_start|>assistant\n", deepSeek: false, keepsReasoning: false, keepsToolCalls: true),
        Family(template: "Qwen-QwQ-32B", tokenizer: "qwen3", header: "<|im_start|>assistant\n", deepSeek: false, keepsReasoning: false, keepsToolCalls: true),
        Family(template: "deepseek_v3", tokenizer: "deepseek_v3", header: "<｜Assistant｜>", deepSeek: true, keepsReasoning: false, keepsToolCalls: false),
        Family(template: "deepseek-ai-DeepSeek-R1-Distill-Qwen-32B", tokenizer: "deepseek_v3", header: "<｜Assistant｜>", deepSeek: true, keepsReasoning: false, keepsToolCalls: false),
        Family(template: "deepseek-ai-DeepSeek-V3.1", tokenizer: "deepseek_v3", header: "<｜Assistant｜>", deepSeek: true, keepsReasoning: false, keepsToolCalls: true),
    ]

    static let contents: [String?] = ["Hello!", "Two\nlines", "Tabs\tand  spaces ", "Ünïcödé 🌍 你好", "", "ends with newline\n", "Use <b>tags</b> & {json}", nil]
    static let reasonings: [String?] = [nil, "Think.", "Multi\nline\nthought", "Compare </b> and <i>"]
    static let argumentSets: [TemplateValue] = [
        ["city": "Paris"],
        ["q": "x", "n": 3, "nested": ["a": [1, 2.5, true, .none]]],
        .dictionary(TemplateDictionary()),
        ["text": "quote \" and \\ and é\n"],
    ]

    static func call(_ name: String, _ arguments: TemplateValue, asString: Bool) throws -> TemplateValue {
        let value: TemplateValue = asString ? .string(try json(arguments)) : arguments
        return ["type": "function", "id": "call_0", "function": ["name": .string(name), "arguments": value]]
    }

    /// `json.dumps(x, ensure_ascii=False)`, the way templates write arguments.
    static func json(_ value: TemplateValue) throws -> String {
        try ChatTemplate("{{ x | tojson }}").render(variables: ["x": value]).text
    }

    static func messages() throws -> [TemplateValue] {
        var result: [TemplateValue] = []
        for (contentIndex, content) in contents.enumerated() {
            for (reasoningIndex, reasoning) in reasonings.enumerated() {
                var calls: [TemplateValue] = []
                switch (contentIndex + reasoningIndex) % 4 {
                case 1: calls = [try call("get_weather", argumentSets[contentIndex % 4], asString: false)]
                case 2: calls = [try call("search", argumentSets[(contentIndex + 1) % 4], asString: true)]
                case 3:
                    calls = [
                        try call("get_weather", argumentSets[reasoningIndex % 4], asString: false),
                        try call("lookup", argumentSets[(reasoningIndex + 2) % 4], asString: false),
                    ]
                default: break
                }
                var message: TemplateDictionary = ["role": "assistant"]
                message["content"] = content.map { .string($0) } ?? TemplateValue.none
                if let reasoning { message["reasoning_content"] = .string(reasoning) }
                if !calls.isEmpty { message["tool_calls"] = .list(calls) }
                result.append(.dictionary(message))
            }
        }
        return result
    }

    /// What the parser should give back for `message` under a template that keeps these parts.
    static func expected(_ message: TemplateValue, _ family: Family) throws -> ParsedAssistantMessage {
        var parsed = ParsedAssistantMessage()
        if case let .string(content)? = message["content"], !content.isEmpty { parsed.content = content }
        if family.keepsReasoning, case let .string(reasoning)? = message["reasoning_content"], !reasoning.isEmpty {
            parsed.reasoningContent = reasoning
        }
        if family.keepsToolCalls, case let .list(calls)? = message["tool_calls"] {
            parsed.toolCalls = try calls.map { call in
                let function = call["function"]
                let arguments = function?["arguments"] ?? .none
                let text = try arguments.stringValue ?? json(arguments)
                return .init(name: function?["name"]?.stringValue ?? "", arguments: text)
            }
        }
        return parsed
    }

    func parse(_ family: Family, tokens: [GeneratedToken]) -> (ParsedAssistantMessage, [AssistantDelta]) {
        if family.deepSeek {
            var parser = DeepSeekOutputParser()
            let deltas = parser.consumeAll(tokens)
            return (parser.output, deltas)
        }
        var parser = QwenOutputParser()
        let deltas = parser.consumeAll(tokens)
        return (parser.output, deltas)
    }

    /// The message the deltas add up to.
    static func replay(_ deltas: [AssistantDelta]) -> ParsedAssistantMessage {
        var message = ParsedAssistantMessage()
        var content = ""
        var reasoning = ""
        for delta in deltas {
            switch delta {
            case let .content(text): content += text
            case let .reasoning(text): reasoning += text
            case .toolCallStarted: message.toolCalls.append(.init(name: "", arguments: ""))
            case let .toolCallName(index, name): message.toolCalls[index].name = name
            case let .toolCallArguments(index, fragment): message.toolCalls[index].arguments += fragment
            case let .problem(problem): message.problems.append(problem)
            }
        }
        message.content = content.isEmpty ? nil : content
        message.reasoningContent = reasoning.isEmpty ? nil : reasoning
        return message
    }

    @Test func renderedAssistantMessagesParseBack() throws {
        var wholeChecks = 0
        var streamChecks = 0
        var skipped = 0
        var failures: [String] = []
        let messages = try Self.messages()
        for family in Self.families {
            let tokenizer = try HuggingFaceTokenizer.bundled(family.tokenizer)
            let chat = try ChatTokenizer(template: ChatTemplate(ChatFixtures.templateSource(family.template)), tokenizer: tokenizer)
            for message in messages {
                let input = ChatInput(messages: [["role": "user", "content": "Hi"], message])
                guard let encoded = try? chat.encode(input, sanitizeControlTokens: false) else {
                    skipped += 1
                    continue
                }
                let text = encoded.rendered.text
                let scalars = Array(text.unicodeScalars)
                let header = Array(family.header.unicodeScalars)
                guard let start = (0...(scalars.count - header.count)).last(where: { scalars[$0..<($0 + header.count)].elementsEqual(header) })
                else { continue }
                let completion = String(String.UnicodeScalarView(scalars[(start + header.count)...]))
                let expected = try Self.expected(message, family)
                let whole = family.deepSeek ? DeepSeekOutputParser.parse(completion) : QwenOutputParser.parse(completion)
                wholeChecks += 1
                if whole != expected {
                    failures.append("\(family.template) whole: \(completion.debugDescription)\n  expected \(expected)\n  got      \(whole)")
                    continue
                }
                // Token by token: the ids after the assistant header, decoded as a stream.
                let prefix = String(String.UnicodeScalarView(scalars[..<(start + header.count)]))
                let prefixCount = try chat.encode(ChatInput(messages: [["role": "user", "content": "Hi"]]), sanitizeControlTokens: false).ids.count
                let headerIDs = try tokenizer.encode(prefix, policy: .markup)
                guard encoded.ids.starts(with: headerIDs), prefixCount <= headerIDs.count else {
                    skipped += 1
                    continue
                }
                var decoder = tokenizer.streamingDecoder()
                let tokens = try encoded.ids.dropFirst(headerIDs.count).map { GeneratedToken(id: $0, text: try decoder.push($0)) }
                let (streamed, deltas) = parse(family, tokens: tokens)
                streamChecks += 1
                let replayed = Self.replay(deltas)
                if streamed != expected || replayed != expected {
                    failures.append("\(family.template) stream: \(completion.debugDescription)\n  expected \(expected)\n  got      \(streamed)\n  deltas   \(replayed)")
                }
            }
        }
        TestReport.note("parser round trips: \(wholeChecks) whole, \(streamChecks) streamed, \(skipped) messages the templates cannot render")
        #expect(failures.isEmpty, "\(failures.count) failures:\n\(failures.prefix(10).joined(separator: "\n"))")
        #expect(wholeChecks > 150)
    }
}
