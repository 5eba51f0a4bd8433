import Foundation
import OrderedJSON
import Testing
import TokenizerSuite
import TokenizerSuiteTestSupport

/// `tok chat` end to end, against the renders transformers 5.24 made of the bundled templates
/// (Fixtures/chat, written by Fixtures/scripts/generate_chat_fixtures.py).
@Suite struct ChatCommandTests {
    static func document(_ name: String) throws -> JSONValue {
        try JSONValue(parsing: Data(contentsOf: FixturePaths.url("chat/\(name)")))
    }

    static func digest(_ ids: [JSONValue]) -> String {
        var digest = TokenIDDigest()
        for id in ids { digest.combine(UInt32(id.intValue ?? -1)) }
        return digest.hexDigest
    }

    /// One fixture render as `tok chat render` reads it: apply_chat_template's arguments.
    static func arguments(_ record: JSONValue, _ conversations: JSONValue) -> JSONValue {
        let options = record["options"] ?? .null
        var members: [(key: String, value: JSONValue)] = [
            ("messages", conversations["conversations"]?[record["conversation"]?.stringValue ?? ""] ?? .null),
            ("add_generation_prompt", options["add_generation_prompt"] ?? false),
        ]
        if let tools = options["tools"]?.stringValue, let list = conversations["tools"]?[tools], !list.isNull {
            members.append(("tools", list))
        }
        if let continuation = options["continue_final_message"] { members.append(("continue_final_message", continuation)) }
        for (key, value) in conversations["extras"]?[options["extra"]?.stringValue ?? ""]?.objectValue?.entries ?? [] {
            members.append((key, value))
        }
        return .object(JSONObject(members))
    }

    @Test(arguments: ["qwen3", "deepseek_v3"])
    func renderLinesMatchTransformers(template: String) throws {
        let conversations = try Self.document("conversations.json")
        let texts = try Self.document("texts.json").arrayValue ?? []
        let records = try String(contentsOf: FixturePaths.url("chat/renders.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try JSONValue(parsing: String($0)) }
            .filter { $0["template"]?.stringValue == template && $0["options"]?["mask"] == nil }
        #expect(records.count == 174)
        let input = records.map { Self.arguments($0, conversations).serialized }.joined(separator: "\n") + "\n"
        var checked = (texts: 0, ids: 0, sanitized: 0, errors: 0)
        for sanitize in [true, false] {
            let result = try TokProcess.run(
                ["chat", "render", "--encoding", template, "--input", "jsonl", "--output", "json"] + (sanitize ? [] : ["--no-sanitize"]),
                stdin: input)
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == records.count)
            var failures = 0
            for (record, line) in zip(records, lines) {
                let output = try JSONValue(parsing: String(line))
                let label = "\(record["conversation"]?.stringValue ?? "") \(record["options"]?.serialized ?? "")"
                let expectedError = record["text_error"] ?? record[sanitize ? "sanitized_error" : "ids_error"]
                if let expectedError {
                    failures += 1
                    checked.errors += 1
                    let message = output["error"]?.stringValue ?? ""
                    #expect(message.hasPrefix((expectedError["type"]?.stringValue ?? "") + ": "), "\(label): \(line)")
                    if expectedError["type"]?.stringValue != "ValueError" || !(expectedError["message"]?.stringValue ?? "").contains("Rendered chat") {
                        #expect(message.contains(expectedError["message"]?.stringValue ?? "\u{0}"), "\(label): \(line)")
                    }
                    continue
                }
                let expectedIDs = record[sanitize ? "sanitized_ids" : "ids"]
                let ids = output["ids"]?.arrayValue ?? []
                #expect(ids.count == expectedIDs?["count"]?.intValue && Self.digest(ids) == expectedIDs?["fnv"]?.stringValue, "\(label)")
                if sanitize { checked.sanitized += 1 } else { checked.ids += 1 }
                // The fixture texts are transformers' renders without sanitization (markers already in the
                // input stay in them); the sanitized render drops such markers before rendering.
                if !sanitize, let index = record["text"]?.intValue, index < texts.count {
                    #expect(output["text"] == texts[index], "\(label)")
                    checked.texts += 1
                }
            }
            #expect(result.status == (failures > 0 ? 1 : 0))
            if failures > 0 { #expect(result.stderr.contains("\(failures) of \(records.count) lines failed")) }
        }
        TestReport.note("tok chat render \(template): \(records.count) inputs × 2: \(checked.texts) texts, \(checked.sanitized) sanitized id lists, \(checked.ids) id lists, \(checked.errors) error lines")
    }

    @Test func renderOutputsAndOptions() throws {
        let request = #"{"messages":[{"role":"user","content":"Hi <|im_end|>"}],"add_generation_prompt":true,"enable_thinking":false}"#
        let json = try TokProcess.run(["chat", "render", "--encoding", "qwen3"], stdin: request)
        #expect(json.status == 0)
        // transformers 5.24: apply_chat_template(..., enable_thinking=False, sanitize_control_tokens=True).
        #expect(json.stdout == #"{"text":"<|im_start|>user\nHi <|im_end|><|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n","ids":[151644,872,198,13048,220,27,91,318,6213,91,29,151645,198,151644,77091,198,151667,271,151668,271]}"# + "\n")
        let plain = try TokProcess.run(["chat", "render", "--encoding", "qwen3", "--output", "ids", "--no-sanitize"], stdin: request)
        #expect(plain.stdout == "151644 872 198 13048 220 151645 151645 198 151644 77091 198 151667 271 151668 271\n")
        let text = try TokProcess.run(["chat", "render", "--encoding", "qwen3", "--output", "text", "-"], stdin: request)
        #expect(text.stdout == "<|im_start|>user\nHi <|im_end|><|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n")

        let harmony = try TokProcess.run(["chat", "render", "--encoding", "o200k_harmony"], stdin: request)
        #expect(harmony.status == 1 && harmony.stderr.contains("tok harmony render"))
        let broken = try TokProcess.run(["chat", "render", "--encoding", "qwen3"], stdin: #"{"messages": 3}"#)
        #expect(broken.status == 1 && broken.stderr.contains("'messages' must be a list"))
    }

    /// A model folder's `chat_control_tokens` replaces the control tokens the template spells:
    /// with an empty list, `<think>` typed by a user is Qwen3's added token again.
    @Test func modelFolderControlTokensApply() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chat-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundled = FixturePaths.packageRoot.appendingPathComponent("Vocab/HuggingFace/huggingface/qwen3")
        try FileManager.default.copyItem(at: bundled.appendingPathComponent("tokenizer.json"), to: folder.appendingPathComponent("tokenizer.json"))
        guard case let .object(config) = try JSONValue(parsing: Data(contentsOf: bundled.appendingPathComponent("tokenizer_config.json"))) else {
            Issue.record("the bundled tokenizer_config.json is not an object")
            return
        }
        let listed = JSONObject(config.entries + [("chat_control_tokens", .array([]))])
        try Data(JSONValue.object(listed).serialized.utf8).write(to: folder.appendingPathComponent("tokenizer_config.json"))
        let request = #"{"messages":[{"role":"user","content":"a<think>b"}]}"#
        // transformers 5.24, sanitize_control_tokens=True: the bundled config, then the folder's.
        let bundledIDs = try TokProcess.run(["chat", "render", "--encoding", "qwen3", "--output", "ids"], stdin: request)
        #expect(bundledIDs.stdout == "151644 872 198 64 13708 766 29 65 151645 198\n")
        let folderIDs = try TokProcess.run(["chat", "render", "--tokenizer", folder.path, "--output", "ids"], stdin: request)
        #expect(folderIDs.stdout == "151644 872 198 64 151667 65 151645 198\n")
    }

    /// The parser reads back what the template rendered for an assistant turn.
    @Test(arguments: [
        ("qwen3", #"<think>\nShort wavelengths scatter more.\n</think>\n\nRayleigh scattering.\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call><|im_end|>"#),
        ("deepseek_v3", #"Let me check.<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{"city": "Paris"}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜><｜end▁of▁sentence｜>"#),
    ])
    func parseAndStreamGiveTheAssistantMessage(tokenizer: String, completion: String) throws {
        let text = completion.replacingOccurrences(of: "\\n", with: "\n")
        let ids = try TokenizerRegistry.load(.bundled(tokenizer)).encode(text, policy: .markup).map(String.init).joined(separator: " ")
        let parsed = try TokProcess.run(["chat", "parse", "--encoding", tokenizer], stdin: ids)
        #expect(parsed.status == 0 && parsed.stderr.isEmpty)
        let expected = tokenizer == "qwen3"
            ? #"{"role":"assistant","content":"Rayleigh scattering.","reasoning_content":"Short wavelengths scatter more.","tool_calls":[{"type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Paris\"}"}}]}"#
            : #"{"role":"assistant","content":"Let me check.","tool_calls":[{"type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Paris\"}"}}]}"#
        #expect(parsed.stdout == expected + "\n")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("chat-\(UUID().uuidString).txt")
        try Data(ids.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let fromFile = try TokProcess.run(["chat", "parse", "--encoding", tokenizer, "--parser", tokenizer, "--file", file.path])
        #expect(fromFile.stdout == parsed.stdout)

        let streamed = try TokProcess.run(["chat", "stream", "--encoding", tokenizer], stdin: ids)
        #expect(streamed.status == 0)
        let lines = try streamed.stdout.split(separator: "\n").map { try JSONValue(parsing: String($0)) }
        #expect(lines.count == ids.split(separator: " ").count + 1)
        #expect(lines.last?["message"]?.serialized == expected)
        let arguments = lines.flatMap { $0["deltas"]?.arrayValue ?? [] }
            .filter { $0["type"]?.stringValue == "tool_call_arguments" }.compactMap { $0["text"]?.stringValue }.joined()
        #expect(arguments == #"{"city": "Paris"}"#)
        #expect(lines.dropLast().last?["phase"]?.stringValue == "done")
    }

    @Test func parseNamesBadInput() throws {
        let unknown = try TokProcess.run(["chat", "parse", "--encoding", "qwen3"], stdin: "151667 999999999")
        #expect(unknown.status == 1 && unknown.stderr.contains("token 2: 999999999 is not a token id of qwen3"))
        let unclosed = try TokProcess.run(["chat", "parse", "--encoding", "qwen3"], stdin: "151667 198 2212")
        #expect(unclosed.status == 0 && unclosed.stdout == #"{"role":"assistant","content":null,"reasoning_content":"Add"}"# + "\n")
        #expect(unclosed.stderr.contains("warning: the reasoning block is not closed"))
    }
}
