import Foundation
import Testing

/// `tok generate` end to end on the fixture models.
@Suite struct GenerateCommandTests {
    static let models = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/models")

    @Test func answersAHarmonyConversationLikeTheParserReadsTheReferenceCompletion() throws {
        let model = Self.models.appendingPathComponent("gpt-oss-harmony-trained")
        let fixture = try JSONSerialization.jsonObject(with: Data(contentsOf: model.appendingPathComponent("conversations.json"))) as? [String: Any]
        let rows = try #require(fixture?["conversations"] as? [[String: Any]])
        for row in rows {
            let conversation = try JSONSerialization.data(withJSONObject: try #require(row["conversation"]))
            let completion = try #require(row["completion_ids"] as? [Int]).map(String.init).joined(separator: " ")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("conversation-\(UUID()).json")
            try conversation.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }

            let ids = try TokProcess.run(["generate", "--model", model.path, "--conversation", file.path, "--format", "ids"])
            #expect(ids.status == 0, "\(ids.stderr)")
            #expect(ids.stdout == completion + "\n")
            let messages = try TokProcess.run(["generate", "--model", model.path, "--conversation", file.path, "--format", "messages"])
            let parsed = try TokProcess.run(["harmony", "parse", "--role", "assistant"], stdin: completion)
            #expect(messages.status == 0)
            #expect(messages.stdout == parsed.stdout)
        }
    }

    @Test func badArgumentsAreNamed() throws {
        let model = Self.models.appendingPathComponent("gpt-oss-harmony-trained")
        let both = try TokProcess.run(["generate", "--model", model.path, "--prompt-ids", "1 2", "--conversation", "x.json"])
        #expect(both.status == 2)
        let missing = try TokProcess.run(["generate", "--model", "/no/such/model", "--prompt-ids", "1 2", "--format", "ids"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/no/such/model"))
        let garbage = try TokProcess.run(["generate", "--model", model.path, "--conversation", "-", "--format", "messages"], stdin: "{\"messages\": 3}")
        #expect(garbage.status == 1)
        #expect(garbage.stderr.contains("messages"))
    }
}
