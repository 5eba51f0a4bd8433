import TokenizerSuiteTestSupport
import OrderedJSON
import Foundation
import Testing

/// `tok generate` end to end on the fixture models.
@Suite struct GenerateCommandTests {
    static let models = FixturePaths.url("models")

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

    /// The fixture models with a transformers greedy reference (reference.json), one per family.
    static let referenceModels = ["qwen3-tiny", "qwen3-tiny-untied", "gpt-oss-tiny", "qwen3-moe-tiny", "deepseek-v3-tiny-fp8"]

    @Test(arguments: referenceModels)
    func reproducesTransformersGreedyIds(model name: String) throws {
        let folder = Self.models.appendingPathComponent(name)
        let reference = try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.appendingPathComponent("reference.json"))) as? [String: Any]
        let prompt = try #require(reference?["prompt_ids"] as? [Int])
        let expected = try #require(reference?["greedy_ids"] as? [Int])
        #expect(expected.count >= 5)
        let result = try TokProcess.run([
            "generate", "--model", folder.path, "--prompt-ids", prompt.map(String.init).joined(separator: " "),
            "--max-new-tokens", "\(expected.count)", "--ignore-stop", "--format", "ids", "--threads", "2",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(whereSeparator: \.isWhitespace).map { Int($0) } == expected.map { $0 })
    }

    @Test func readsTheModelFoldersTokenizerJSON() throws {
        let root = FixturePaths.packageRoot
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qwen3-\(UUID())")
        try FileManager.default.copyItem(at: Self.models.appendingPathComponent("qwen3-tiny"), to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: root.appendingPathComponent("Vocab/HuggingFace/huggingface/qwen3/tokenizer.json"), to: folder.appendingPathComponent("tokenizer.json"))
        let prompt = "<|im_start|>user\nHello<|im_end|>"
        let promptIDs = try TokProcess.run(["encode", "--encoding", "qwen3", prompt]).stdout
        #expect(promptIDs.hasPrefix("151644 "))
        let fromText = try TokProcess.run(["generate", "--model", folder.path, "--prompt", prompt, "--format", "ids", "--max-new-tokens", "6"])
        let fromIDs = try TokProcess.run(["generate", "--model", folder.path, "--prompt-ids", promptIDs, "--format", "ids", "--max-new-tokens", "6"])
        #expect(fromText.status == 0, "\(fromText.stderr)")
        #expect(fromText.stdout == fromIDs.stdout)
        let text = try TokProcess.run(["generate", "--model", folder.path, "--prompt-ids", promptIDs, "--format", "text", "--max-new-tokens", "6"])
        let decoded = try TokProcess.run(["decode", "--encoding", "qwen3"] + fromIDs.stdout.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) })
        #expect(text.stdout == decoded.stdout + "\n")
        let none = try TokProcess.run(["generate", "--model", Self.models.appendingPathComponent("qwen3-tiny").path, "--prompt", "hi"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("tokenizer.json"))
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

/// `tok generate --chat` on the trained Qwen3 chat fixture.
@Suite struct GenerateChatCommandTests {
    @Test func chatRequestsGiveTheExpectedMessage() throws {
        let folder = FixturePaths.url("models/qwen3-chat-trained")
        let document = try JSONValue(parsing: Data(contentsOf: folder.appendingPathComponent("conversations.json")))
        for row in document["conversations"]?.arrayValue ?? [] {
            let request = row["request"]?.serialized ?? ""
            let messages = try TokProcess.run(
                ["generate", "--model", folder.path, "--encoding", "qwen3", "--chat", "-", "--format", "messages"], stdin: request)
            #expect(messages.status == 0, "\(messages.stderr)")
            #expect(messages.stdout == (row["message"]?.serialized ?? "") + "\n")
            let ids = try TokProcess.run(["generate", "--model", folder.path, "--encoding", "qwen3", "--chat", "-", "--format", "ids"], stdin: request)
            #expect(ids.stdout == (row["completion_ids"]?.arrayValue ?? []).map(\.serialized).joined(separator: " ") + "\n")
        }
        let noTokenizer = try TokProcess.run(["generate", "--model", folder.path, "--chat", "-"], stdin: "{}")
        #expect(noTokenizer.status == 1 && noTokenizer.stderr.contains("pass --encoding"))
    }
}
