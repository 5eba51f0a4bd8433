import ChatGeneration
import ChatTemplates
import Foundation
import Testing
import TokenizerSuite
import TokenizerSuiteTestSupport
import TransformerRuntime

/// End to end for a chat-template model: a tiny Qwen3-architecture model, trained by
/// Fixtures/scripts/make_qwen3_chat_fixture.py to reason and then answer or call a tool, answers
/// its requests. The prompt (bundled Qwen3 template), the greedy completion and the parsed message
/// must equal the reference pipeline's: transformers' template and greedy decoding, and the
/// message the completion spells.
@Suite struct TrainedQwen3ChatTests {
    static let directory = FixturePaths.url("models/qwen3-chat-trained")

    @Test func requestsAreAnsweredWithTheExpectedMessages() throws {
        let document = try TemplateValue(jsonBytes: Data(contentsOf: Self.directory.appendingPathComponent("conversations.json")))
        let rows = document["conversations"]?.listValue ?? []
        #expect(rows.count == 3)
        let model = try LanguageModel(directory: Self.directory.path)
        let tokenizer = try HuggingFaceTokenizer.bundled("qwen3")
        let chat = try ChatTokenizer(template: ChatTemplate(ChatTemplateCatalog.bundled("qwen3").source()), tokenizer: tokenizer)
        let generator = TemplateChatGenerator(model: model, chat: chat)
        var sawToolCall = false
        for row in rows {
            let name = row["name"]?.stringValue ?? "?"
            func ids(_ key: String) -> [TokenID] { (row[key]?.listValue ?? []).compactMap { if case let .int(id) = $0 { TokenID(id) } else { nil } } }
            let input = try ChatInput(arguments: row["request"] ?? .none)
            var tokens: [TokenID] = []
            var deltas: [AssistantDelta] = []
            let result = try generator.generate(input, parser: QwenOutputParser.self, maxNewTokens: 100) { event in
                switch event {
                case let .token(id): tokens.append(id)
                case let .delta(delta): deltas.append(delta)
                }
            }
            #expect(result.promptTokens == ids("prompt_ids"), "\(name): rendered prompt")
            #expect(result.completionTokens == ids("completion_ids"), "\(name): completion")
            #expect(tokens == result.completionTokens)
            #expect(result.message.openAIMessage == row["message"], "\(name): message")
            #expect(result.message.problems.isEmpty)
            #expect(result.stopReason == .stopToken(151645))
            // The streamed deltas add up to the message's parts.
            let content = deltas.compactMap { if case let .content(text) = $0 { text } else { nil } }.joined()
            #expect(content == (result.message.content ?? ""))
            if !result.message.toolCalls.isEmpty {
                sawToolCall = true
                let arguments = deltas.compactMap { if case let .toolCallArguments(_, text) = $0 { text } else { nil } }.joined()
                #expect(arguments == result.message.toolCalls[0].arguments)
            }
        }
        #expect(sawToolCall)
    }
}
