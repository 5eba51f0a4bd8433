import BytePairEncoding
import Foundation
import Testing
import TransformerRuntime

/// The gpt-oss-architecture model trained by the fixture generator answers its harmony
/// conversations exactly as transformers does: an analysis message, then a final answer or a
/// tool call, ending at `<|return|>` or `<|call|>`.
@Suite struct TrainedHarmonyModelTests {
    struct Fixture: Decodable {
        struct Conversation: Decodable {
            let name: String
            let promptIds: [TokenID]
            let completionIds: [TokenID]
        }

        let stopTokenIds: [TokenID]
        let conversations: [Conversation]
    }

    static let directory = FixtureReference.directory(of: "gpt-oss-harmony-trained")

    static func load() throws -> Fixture {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/conversations.json"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Fixture.self, from: data)
    }

    @Test func greedyCompletionsEqualTheRecordedOnes() throws {
        let fixture = try Self.load()
        #expect(fixture.conversations.count == 5)
        let model = try LanguageModel(directory: Self.directory)
        #expect(Set(model.configuration.endOfSequenceTokenIds).isSuperset(of: fixture.stopTokenIds))
        for conversation in fixture.conversations {
            let result = try model.generate(
                prompt: conversation.promptIds,
                parameters: GenerationParameters(
                    maxNewTokens: conversation.completionIds.count + 8,
                    stopTokenIds: Set(fixture.stopTokenIds)))
            #expect(result.tokens == conversation.completionIds, "conversation \(conversation.name)")
            #expect(result.stopReason == .stopToken(conversation.completionIds.last ?? .max))
        }
    }
}
