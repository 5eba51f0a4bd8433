import TokenizerSuiteTestSupport
import ChatTemplates
import Foundation
import Testing
import TokenizerSuite

/// Conversations rendered and tokenized by transformers 5.24 (Fixtures/chat/renders.jsonl).
@Suite struct ChatRenderFixtureTests {
    static func fnv(_ ids: [UInt32]) -> String {
        var digest = TokenIDDigest()
        for id in ids { digest.combine(id) }
        return digest.hexDigest
    }

    struct Tally: CustomStringConvertible {
        var renders = 0, texts = 0, ids = 0, sanitizedIDs = 0, errors = 0, masks = 0, unsupported = 0
        var description: String {
            "\(renders) renders: \(texts) texts, \(ids) id lists, \(sanitizedIDs) sanitized id lists, \(masks) masks, \(errors) expected errors, \(unsupported) unsupported"
        }
    }

    /// Compares one outcome; returns a mismatch description or nil.
    static func compare<T>(
        _ label: String, _ outcome: () throws -> T, expected: (T) -> Bool, expectedError: ExpectedError?,
        tally: inout Tally, count: (inout Tally) -> Void
    ) -> String? {
        do {
            let value = try outcome()
            if expectedError != nil { return "\(label): expected \(expectedError!) but it rendered" }
            if !expected(value) { return "\(label): differs (\(String(describing: value).prefix(300)))" }
            count(&tally)
        } catch let error as ChatTemplateError {
            if error.kind == .unsupported {
                tally.unsupported += 1
                if !label.hasSuffix(" mask") { return "\(label): unsupported \(error)" }
                return nil
            }
            guard let expectedError else { return "\(label): unexpected error \(error.exceptionName): \(error)" }
            if !expectedError.matches(error) { return "\(label): expected \(expectedError), got \(error.exceptionName): \(error)" }
            tally.errors += 1
        } catch {
            return "\(label): unexpected error \(error)"
        }
        return nil
    }

    @Test func everyTemplateConversationAndOptionMatchesTransformers() throws {
        let conversations = try ChatFixtures.document("conversations.json")
        guard case let .list(texts)? = Optional(try ChatFixtures.document("texts.json")) else {
            Issue.record("texts.json must be a list")
            return
        }
        var tokenizers: [String: HuggingFaceTokenizer] = [:]
        var formats: [String: ChatTokenizer] = [:]
        var tally = Tally()
        var mismatches: [String] = []
        for record in try ChatFixtures.lines("renders.jsonl") {
            guard let templateName = record["template"]?.stringValue, let tokenizerName = record["tokenizer"]?.stringValue,
                let conversationName = record["conversation"]?.stringValue, let options = record["options"]
            else { continue }
            tally.renders += 1
            let key = templateName + "/" + tokenizerName
            if formats[key] == nil {
                let tokenizer = try tokenizers[tokenizerName] ?? HuggingFaceTokenizer.bundled(tokenizerName)
                tokenizers[tokenizerName] = tokenizer
                formats[key] = try ChatTokenizer(template: ChatTemplate(try ChatFixtures.templateSource(templateName)), tokenizer: tokenizer)
            }
            guard let chat = formats[key] else { continue }
            var input = ChatInput(messages: conversations["conversations"]?[conversationName]?.listValue ?? [])
            input.addGenerationPrompt = options["add_generation_prompt"] == .bool(true)
            if let extra = options["extra"]?.stringValue, let variables = conversations["extras"]?[extra]?.dictionaryValue {
                input.variables = variables
            }
            if let tools = options["tools"]?.stringValue { input.tools = conversations["tools"]?[tools]?.listValue }
            switch options["continue_final_message"] {
            case .bool(true)?: input.continueFinalMessage = .content
            case let .string(field)?: input.continueFinalMessage = .field(field)
            default: break
            }
            let label = "\(templateName) × \(conversationName) × \(options)"
            let textError = ExpectedError(record["text_error"])
            var expectedText: String?
            if case let .int(index)? = record["text"], index < texts.count { expectedText = texts[index].stringValue }
            let renderOptions = ChatTemplate.RenderOptions(clock: ChatFixtures.clock)
            if let problem = Self.compare(
                label + " text", { try chat.format.render(input, sanitizeControlTokens: false, options: renderOptions).text },
                expected: { $0 == expectedText }, expectedError: textError, tally: &tally, count: { $0.texts += 1 })
            {
                mismatches.append(problem)
            }
            func idsMatch(_ ids: [UInt32], _ expected: TemplateValue?) -> Bool {
                guard let expected, case let .int(count)? = expected["count"] else { return false }
                return ids.count == count && Self.fnv(ids) == expected["fnv"]?.stringValue
            }
            if options["mask"] == .bool(true) {
                let expected = record["mask"]
                if let problem = Self.compare(
                    label + " mask",
                    { try chat.encode(input, sanitizeControlTokens: false, assistantMask: true, options: renderOptions) },
                    expected: { encoded in
                        guard idsMatch(encoded.ids, record["ids"]), let mask = encoded.assistantMask else { return false }
                        var ranges: [TemplateValue] = []
                        var start: Int?
                        for (index, bit) in (mask + [false]).enumerated() {
                            if bit && start == nil { start = index }
                            if !bit, let begin = start {
                                ranges.append([.int(begin), .int(index)])
                                start = nil
                            }
                        }
                        return TemplateValue.list(ranges) == expected
                    }, expectedError: ExpectedError(record["ids_error"]) ?? textError, tally: &tally, count: { $0.masks += 1 })
                {
                    mismatches.append(problem)
                }
                continue
            }
            if let problem = Self.compare(
                label + " ids", { try chat.encode(input, sanitizeControlTokens: false, options: renderOptions).ids },
                expected: { idsMatch($0, record["ids"]) }, expectedError: ExpectedError(record["ids_error"]) ?? textError,
                tally: &tally, count: { $0.ids += 1 })
            {
                mismatches.append(problem)
            }
            if let problem = Self.compare(
                label + " sanitized ids", { try chat.encode(input, sanitizeControlTokens: true, options: renderOptions).ids },
                expected: { idsMatch($0, record["sanitized_ids"]) },
                expectedError: ExpectedError(record["sanitized_error"]) ?? textError, tally: &tally,
                count: { $0.sanitizedIDs += 1 })
            {
                mismatches.append(problem)
            }
        }
        TestReport.note("chat fixtures: \(tally), \(mismatches.count) mismatches")
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.prefix(30).joined(separator: "\n"))")
        // Assistant masks over text that NFC normalization changes need the normalizer's alignment,
        // which the tokenizer does not expose yet: those few renders are refused, not guessed.
        #expect(tally.unsupported <= 8)
    }
}
