import TokenizerSuiteTestSupport
import Foundation
import Testing

/// `tok harmony` end to end: the built executable, as a user runs it.
@Suite struct HarmonyCommandTests {
    static let conversation = #"""
        {"messages":[{"role":"system","content":[{"type":"system_content","model_identity":"You are ChatGPT, a large language model trained by OpenAI.","reasoning_effort":"Medium","knowledge_cutoff":"2024-06","channel_config":{"valid_channels":["analysis","commentary","final"],"channel_required":true}}]},{"role":"user","content":"Hi"}]}
        """#

    @Test func renderThenParseRoundTrip() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("harmony-\(UUID().uuidString).json")
        try Data(Self.conversation.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let rendered = try TokProcess.run(["harmony", "render", file.path, "--for", "completion"])
        #expect(rendered.status == 0)
        // openai-harmony 0.0.8 renders this conversation to these ids.
        #expect(rendered.stdout == "200006 17360 200008 3575 553 17554 162016 11 261 4410 6439 2359 22203 656 7788 17527 558 87447 100594 25 220 1323 19 12 3218 279 30377 289 25 14093 279 2 13888 18403 25 8450 11 49159 11 1721 13 21030 2804 413 7360 395 1753 3176 13 200007 200006 1428 200008 12194 200007 200006 173781\n")
        let text = try TokProcess.run(["harmony", "render", "--format", "text"], stdin: Self.conversation)
        #expect(text.stdout.hasSuffix("<|start|>user<|message|>Hi<|end|><|start|>assistant"))

        // The model's completion: analysis, then a final answer.
        let completion = "200005 35644 200008 23483 11122 13 200007 200006 173781 200005 17196 200008 12194 0 200002"
        let parsed = try TokProcess.run(["harmony", "parse", "--role", "assistant"], stdin: completion)
        #expect(parsed.status == 0)
        #expect(parsed.stdout == #"[{"role":"assistant","content":"Need weather.","channel":"analysis"},{"role":"assistant","content":"Hi!","channel":"final"}]"# + "\n")
    }

    @Test func streamPrintsOneLinePerToken() throws {
        // An id split across two reads still counts as one id.
        let result = try TokProcess.run(["harmony", "stream", "--role", "assistant"], chunks: ["200005 17196\n2000", "08 12194\t0\n200002"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines[2] == #"{"token":200008,"state":"Content","role":"assistant","channel":"final","recipient":null,"content_type":null,"delta":null}"#)
        #expect(lines[4] == #"{"token":0,"state":"Content","role":"assistant","channel":"final","recipient":null,"content_type":null,"delta":"!"}"#)
        #expect(lines[5].hasSuffix(#""message":{"role":"assistant","content":"Hi!","channel":"final"}}"#))
        #expect(lines[6].contains(#""eos":true"#))
        let full = try TokProcess.run(["harmony", "stream", "--role", "assistant", "--full-state"], stdin: "200005 17196 200008 12194 0 200002")
        #expect(full.stdout.split(separator: "\n")[4] == #"{"token":0,"state":"Content","role":"assistant","channel":"final","recipient":null,"content_type":null,"content":"Hi!","delta":"!"}"#)
    }

    @Test func errorsExitOneWithTheReferenceMessage() throws {
        let unexpected = try TokProcess.run(["harmony", "parse", "1", "2"])
        #expect(unexpected.status == 1)
        #expect(unexpected.stderr == "tok: Unexpected token 1 while expecting start token 200006\n")
        let header = try TokProcess.run(["harmony", "parse", "--role", "assistant", "200005"])
        #expect(header.stderr == "tok: Unexpected EOS while waiting for message header to complete\n")
        let json = try TokProcess.run(["harmony", "render"], stdin: #"{"messages":[{"role":"user"}]}"#)
        #expect(json.status == 1)
        #expect(json.stderr == "tok: invalid conversation JSON: missing field `content` at $.messages[0]\n")
        let tool = try TokProcess.run(["harmony", "render"], stdin: #"{"messages":[{"role":"tool","content":"x"}]}"#)
        #expect(tool.stderr == "tok: Tools should have a name!\n")
        let role = try TokProcess.run(["harmony", "render", "--next-role", "robot"], stdin: Self.conversation)
        #expect(role.status == 1)
        #expect(role.stderr == "tok: unknown role: robot\n")
    }
}
