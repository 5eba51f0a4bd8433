import TokenizerSuiteTestSupport
import Foundation
import Testing

/// `tok` with the bundled tokenizer.json tokenizers and with a user's file.
@Suite struct TokHuggingFaceCommandTests {
    static func run(_ arguments: [String], stdin: String = "") throws -> TokProcess.Output {
        try TokProcess.run(arguments, stdin: stdin)
    }

    @Test func bundledTokenizers() throws {
        #expect(try Self.run(["encode", "--encoding", "qwen3", "Hello, world!"]).stdout == "9707 11 1879 0\n")
        // As transformers 5.24: DeepSeek-V3's byte-level file adds no BOS.
        #expect(try Self.run(["encode", "--encoding", "deepseek_v3", "hi"]).stdout == "6366\n")
        #expect(try Self.run(["encode", "--encoding", "deepseek_v3", "--no-add-special-tokens", "hi"]).stdout == "6366\n")
        #expect(try Self.run(["count", "--encoding", "deepseek_v3", "hi"]).stdout == "1\n")
        #expect(try Self.run(["encode", "--encoding", "qwen3", "<|im_start|>"]).stdout == "151644\n")
        #expect(try Self.run(["encode", "--encoding", "qwen3", "--allowed-special", "none", "<|im_start|>hi"]).stdout == "27 91 318 4906 91 29 6023\n")
        #expect(try Self.run(["encode", "--encoding", "qwen3", "--untrusted", "<|im_start|>"]).stdout == "27 91 318 4906 91 29\n")
        // The policy in one set of flags for every tokenizer; a flag that cannot apply is a usage error.
        let disallowed = try Self.run(["encode", "--encoding", "qwen3", "--allowed-special", "none", "--disallowed-special", "all", "<|im_start|>"])
        #expect(disallowed.status == 1 && disallowed.stderr.contains("<|im_start|>"))
        let inapplicable = try Self.run(["encode", "--encoding", "o200k_harmony", "--no-add-special-tokens", "hi"])
        #expect(inapplicable.status == 2 && inapplicable.stderr.contains("--no-add-special-tokens"))
        #expect(try Self.run(["decode", "--encoding", "qwen3", "9707", "151643"]).stdout == "Hello<|endoftext|>")
        #expect(try Self.run(["decode", "--encoding", "qwen3", "--skip-special-tokens", "9707", "151643"]).stdout == "Hello")
        let lines = try Self.run(["encode", "--encoding", "qwen3", "--input", "jsonl"], stdin: "{\"text\": \"Hello\"}\n{\"text\": \"!\"}\n")
        #expect(lines.stdout == "{\"ids\":[9707]}\n{\"ids\":[0]}\n")
        let info = try Self.run(["vocab", "info", "qwen3"])
        #expect(info.stdout.contains("normalizer: NFC") && info.stdout.contains("rank merge"))
    }

    @Test func userTokenizerFileAndErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tok-hf-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = #"""
        {"pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "use_regex": true},
         "decoder": {"type": "ByteLevel"},
         "model": {"type": "BPE", "vocab": {"h": 0, "i": 1, "Ġ": 2, "hi": 3, "Ġhi": 4}, "merges": ["h i", "Ġ hi"]}}
        """#
        try Data(json.utf8).write(to: folder.appendingPathComponent("tokenizer.json"))
        #expect(try Self.run(["encode", "--tokenizer", folder.path, "hi hi"]).stdout == "3 4\n")
        #expect(try Self.run(["decode", "--tokenizer", folder.appendingPathComponent("tokenizer.json").path, "3", "4"]).stdout == "hi hi")
        let bad = folder.appendingPathComponent("bad.json")
        try Data(#"{"model": {"type": "WordPiece", "vocab": {}}}"#.utf8).write(to: bad)
        let result = try Self.run(["encode", "--tokenizer", bad.path, "x"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("model.type") && result.stderr.contains("WordPiece"))
    }
}
