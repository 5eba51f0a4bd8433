import BytePairEncoding
import ChatGeneration
import Foundation
import Harmony
import Testing
import TokenizerSuiteTestSupport
import TransformerRuntime

/// End to end with meaning: a tiny gpt-oss-architecture model, trained by the fixture generator on a
/// handful of harmony conversations, answers them; the conversation is rendered here, generated
/// greedily, stream-parsed, and must give exactly the expected messages.
@Suite struct TrainedModelConversationTests {
    static let directory = FixturePaths.url("models/gpt-oss-harmony-trained")

    struct Case {
        let name: String
        let conversation: Conversation
        let promptIDs: [TokenID]
        let completionIDs: [TokenID]
        let expectedMessages: [Message]
    }

    static func cases() throws -> [Case] {
        let document = try JSONValue(parsing: try Data(contentsOf: directory.appendingPathComponent("conversations.json")))
        guard let rows = document["conversations"]?.arrayValue else { throw HarmonyError(.invalidJSON, "no conversations") }
        return try rows.map { row in
            func ids(_ key: String) throws -> [TokenID] {
                guard let values = row[key]?.arrayValue else { throw HarmonyError(.invalidJSON, "no \(key)") }
                return values.compactMap { value -> TokenID? in
                    if case let .number(number) = value { return TokenID(number.serialized) }
                    return nil
                }
            }
            guard let name = row["name"]?.stringValue, let conversation = row["conversation"],
                  let expected = row["expected_messages"]?.arrayValue else {
                throw HarmonyError(.invalidJSON, "a conversation row is incomplete")
            }
            return Case(
                name: name,
                conversation: try Conversation(json: conversation),
                promptIDs: try ids("prompt_ids"),
                completionIDs: try ids("completion_ids"),
                expectedMessages: try expected.map { try Message(json: $0) })
        }
    }

    @Test func conversationsAreAnsweredWithTheExpectedMessages() throws {
        let model = try LanguageModel(directory: Self.directory.path)
        let generator = HarmonyChatGenerator(model: model, encoding: try HarmonyEncoding.gptOss())
        let cases = try Self.cases()
        #expect(cases.count >= 3)
        var sawToolCall = false
        for testCase in cases {
            var deltas: [String: String] = [:]
            var streamed: [Message] = []
            var tokens: [TokenID] = []
            let result = try generator.generate(testCase.conversation, maxNewTokens: 200) { event in
                switch event {
                case let .token(id): tokens.append(id)
                case let .contentDelta(text, channel, _): deltas[channel ?? "", default: ""] += text
                case let .messageFinished(message): streamed.append(message)
                }
            }
            #expect(result.promptTokens == testCase.promptIDs, "\(testCase.name): rendered prompt")
            #expect(result.completionTokens == testCase.completionIDs, "\(testCase.name): completion")
            #expect(tokens == result.completionTokens)
            #expect(result.messages == testCase.expectedMessages, "\(testCase.name): messages")
            #expect(streamed == result.messages)
            // The streamed deltas add up to each channel's text.
            for message in result.messages {
                #expect(deltas[message.channel ?? ""]?.contains(message.text ?? "\u{0}") == true)
            }
            #expect(result.messages.first?.channel == "analysis")
            if let last = result.messages.last, last.recipient?.hasPrefix("functions.") == true {
                sawToolCall = true
                #expect(result.completionTokens.last == generator.encoding.formattingTokens.call)
                #expect(last.contentType?.contains("json") == true)
            } else {
                #expect(result.messages.last?.channel == "final")
                #expect(result.completionTokens.last == generator.encoding.formattingTokens.returnToken)
            }
        }
        #expect(sawToolCall)
    }
}
