import TokenizerSuiteTestSupport
import Foundation
import OrderedJSON
import Testing

/// The `tok` command end to end, as a user runs it.
@Suite struct TokCommandTests {
    @Test func encodesDecodesAndCounts() throws {
        let encoded = try TokProcess.run(["encode", "hello world"])
        #expect(encoded.status == 0)
        #expect(encoded.stdout == "24912 2375\n")
        #expect(try TokProcess.run(["encode", "--encoding", "cl100k_base", "--format", "json", "hello world"]).stdout == "[15339,1917]\n")
        #expect(try TokProcess.run(["encode"], stdin: "hello world").stdout == "24912 2375\n")
        #expect(try TokProcess.run(["decode", "24912", "2375"]).stdout == "hello world")
        #expect(try TokProcess.run(["decode"], stdin: "24912\n 2375 ").stdout == "hello world")
        #expect(try TokProcess.run(["count", "hello world"]).stdout == "2\n")
        #expect(try TokProcess.run(["encode", "--allowed-special", "all", "<|start|>hi"]).stdout == "200006 3686\n")
        #expect(try TokProcess.run(["encode", "--allowed-special", "<|end|>", "<|end|>"]).stdout == "200007\n")
    }

    @Test func badInputExitsOneWithAMessage() throws {
        let special = try TokProcess.run(["encode", "hi <|endoftext|>"])
        #expect(special.status == 1)
        #expect(special.stderr.contains("<|endoftext|>"))
        let unknown = try TokProcess.run(["decode", "999999"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("999999"))
        let notID = try TokProcess.run(["decode", "12", "x3"])
        #expect(notID.status == 1)
        #expect(notID.stderr.contains("token 2"))
        // o200k's token 158 is the lone byte 0xE2: not valid UTF-8 on its own.
        let invalid = try TokProcess.run(["decode", "24912", "158"])
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("offset 5"))
        #expect(try TokProcess.run(["decode", "--lossy", "24912", "158"]).stdout == "hello\u{FFFD}")
        let missing = try TokProcess.run(["encode", "--file", "/no/such/file"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/no/such/file"))
        let encoding = try TokProcess.run(["encode", "--encoding", "gpt2", "x"])
        #expect(encoding.status == 1)
        #expect(encoding.stderr.contains("gpt2"))
    }

    @Test func invalidUTF8InputIsAnErrorUnlessLossy() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("invalid-\(UUID()).txt")
        try Data([0x61, 0xFF, 0x62]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let strict = try TokProcess.run(["encode", "--file", file.path])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("byte 1"))
        let lossy = try TokProcess.run(["encode", "--lossy", "--file", file.path])
        #expect(lossy.status == 0)
        #expect(lossy.stdout == (try TokProcess.run(["encode", "a\u{FFFD}b"])).stdout)
    }

    /// `count --file` counts a mapped file in place on the threads; it must agree with the
    /// streaming path (standard input) and report an invalid byte deep in a later part at the same
    /// offset.
    @Test func countOfMappedFileMatchesStreamingCount() throws {
        let line = "Hello, wörld! 12345 don't 中文 ... \t tabs   and spaces\n"
        let text = String(repeating: line, count: 6_000)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("count-\(UUID()).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(text.utf8).write(to: file)
        let streamed = try TokProcess.run(["count", "--threads", "1"], stdin: text)
        #expect(streamed.status == 0)
        #expect(Int(streamed.stdout.dropLast()) ?? 0 > 6_000)
        for threads in ["1", "2", "4"] {
            #expect(try TokProcess.run(["count", "--threads", threads, "--file", file.path]).stdout == streamed.stdout)
        }
        var bytes = Array(text.utf8)
        let offset = bytes.count - 1_000
        bytes[offset] = 0xFF
        try Data(bytes).write(to: file)
        let mapped = try TokProcess.run(["count", "--threads", "2", "--file", file.path])
        #expect(mapped.status == 1)
        #expect(mapped.stderr.contains("byte \(offset)"))
    }

    /// The prebuilt vocabulary cache changes load time only: the same ids with no cache file, with
    /// the one the first run wrote, with that file damaged (rebuilt), and with the cache off.
    @Test func prebuiltVocabularyCacheNeverChangesIDs() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tok-cache-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = ProcessInfo.processInfo.environment
        environment["TOK_CACHE_DIR"] = folder.path
        let text = "Hello, wörld! 12345 don't 中文"
        let expected = "13225 11 286 2877 582 0 220 7633 2548 4128 83711\n"
        func encode() throws -> String {
            try TokProcess.run(["encode", "--encoding", "o200k_base", text], environment: environment).stdout
        }
        #expect(try encode() == expected)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".ranks") }
        #expect(files.count == 1)
        #expect(try encode() == expected)
        let file = folder.appendingPathComponent(files[0])
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count / 2] ^= 0x40
        try bytes.write(to: file)
        #expect(try encode() == expected)
        environment["TOK_CACHE_DIR"] = "off"
        #expect(try encode() == expected)
    }

    /// A bundled tokenizer.json's prebuilt vocabulary changes load time only: the fixture ids of
    /// the reference with no cache file, with the one the first run wrote (the file's vocabulary
    /// and hash skipped), with that file damaged (read in full again), and with the cache off.
    @Test(arguments: ["qwen3", "deepseek_v3"])
    func prebuiltVocabularyNeverChangesIDs(tokenizer: String) throws {
        let rows = try String(contentsOf: FixturePaths.url("hf/cases.jsonl"), encoding: .utf8)
            .split(separator: "\n").prefix(300).map { try JSONValue(parsing: String($0)) }
        let texts = rows.compactMap { $0["text"]?.stringValue }
        let expected = rows.compactMap { row in row[tokenizer]?["ids"]?.arrayValue?.compactMap { $0.intValue } }
        #expect(texts.count == 300 && expected.count == 300)
        let input = texts.map { text -> String in
            var line = "{\"text\":"
            JSONValue.writeString(text, to: &line)
            return line + "}\n"
        }.joined()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tok-cache-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = ProcessInfo.processInfo.environment
        environment["TOK_CACHE_DIR"] = folder.path
        func encode() throws -> [[Int]] {
            let run = try TokProcess.run(
                ["encode", "--encoding", tokenizer, "--no-add-special-tokens", "--input", "jsonl"], stdin: input, environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            return try run.stdout.split(separator: "\n").map { line in
                try JSONValue(parsing: String(line))["ids"]?.arrayValue?.compactMap { $0.intValue } ?? []
            }
        }
        #expect(try encode() == expected)
        // The byte-level tokens' table and the other tokens' one.
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".ranks") }.sorted()
        #expect(files.count == 2 && files[1].hasPrefix("hf-\(tokenizer)-other-"))
        #expect(try encode() == expected)
        let info = try TokProcess.run(["vocab", "info", "--encoding", tokenizer], environment: environment)
        environment["TOK_CACHE_DIR"] = "off"
        #expect(try TokProcess.run(["vocab", "info", "--encoding", tokenizer], environment: environment).stdout == info.stdout)
        environment["TOK_CACHE_DIR"] = folder.path
        let file = folder.appendingPathComponent(files[0])
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count / 2] ^= 0x40
        try bytes.write(to: file)
        #expect(try encode() == expected)
        environment["TOK_CACHE_DIR"] = "off"
        #expect(try encode() == expected)
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try TokProcess.run(["encode", "--format", "xml", "x"]).status == 2)
        #expect(try TokProcess.run(["frobnicate"]).status == 2)
        #expect(try TokProcess.run(["--help"]).status == 0)
    }

    @Test func jsonLinesStreamOneOutputLinePerInputLine() throws {
        let input = """
            {"text": "hello world"}
            {"text": "", "other": 1}
            {"body": "x", "text": "a\\u00e9\\ud83d\\udc4d"}

            """
        let result = try TokProcess.run(["encode", "--input", "jsonl"], stdin: input)
        #expect(result.status == 0)
        let expected = try TokProcess.run(["encode", "--format", "json", "a\u{E9}\u{1F44D}"]).stdout
        #expect(result.stdout == "{\"ids\":[24912,2375]}\n{\"ids\":[]}\n{\"ids\":\(expected.dropLast())}\n")
        // A raw U+FEFF inside a string is text (only a leading one at the start of the file is a BOM).
        let bom = try TokProcess.run(["encode", "--input", "jsonl"], stdin: "\u{FEFF}{\"text\": \"\u{FEFF}ab\"}\n{\"text\": \"\\t\u{FEFF}\"}\n")
        #expect(bom.stdout == "{\"ids\":[5574,378]}\n{\"ids\":[197,5574]}\n")
        let field = try TokProcess.run(["encode", "--input", "jsonl", "--field", "body"], stdin: "{\"body\": \"hello\"}\n")
        #expect(field.stdout == "{\"ids\":[24912]}\n")
        let broken = try TokProcess.run(["encode", "--input", "jsonl"], stdin: "{\"text\": \"ok\"}\n{broken\n")
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("line 2"))
    }

    @Test func vocabularyCommandsDescribeTheBundledEncodings() throws {
        let list = try TokProcess.run(["vocab", "list"])
        #expect(list.stdout.contains("o200k_harmony\t201088 ids\t199998 ranks\t1091 special"))
        #expect(list.stdout.contains("cl100k_base\t100277 ids"))
        let info = try TokProcess.run(["vocab", "info", "o200k_harmony"])
        #expect(info.stdout.contains("<|return|>=200002"))
    }

    @Test func missingVocabularyFolderIsReportedNotACrash() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["TOK_VOCAB_DIR"] = "/no/such/vocab"
        let result = try TokProcess.run(["count", "hi"], environment: environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains("/no/such/vocab"))
        let flag = try TokProcess.run(["count", "--vocab-dir", "/nowhere", "hi"])
        #expect(flag.status == 1)
        #expect(flag.stderr.contains("/nowhere"))
    }

    @Test func benchPrintsTheProtocolFields() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID()).txt")
        try Data("one line\r\nsecond line\nthird\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try TokProcess.run(["bench", "--encoding", "cl100k_base", "--chunk-bytes", "10", "--repeat", "1", file.path])
        #expect(result.status == 0)
        let row = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(row?["chunks"] as? Int == 2)  // "one line\nsecond line\n" reaches 10 bytes, then "third\n"
        #expect(row?["bytes"] as? Int == 27)
        #expect((row?["fnv1a64"] as? String)?.count == 16)
        for key in ["file", "encoding", "tokens", "seconds", "mb_per_s", "load_seconds"] { #expect(row?[key] != nil) }
    }

    @Test func jsonLinesAreReadAsPythonsJSONReadsThem() throws {
        let text = try String(contentsOf: FixturePaths.url("tiktoken/json_input.jsonl"), encoding: .utf8)
        let rows = try text.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        for encoding in ["o200k_harmony", "cl100k_base"] {
            let lines = try rows.map { try #require($0["line"] as? String) }
            let result = try TokProcess.run(["encode", "--encoding", encoding, "--input", "jsonl"], stdin: lines.joined(separator: "\n") + "\n")
            #expect(result.status == 0, "\(result.stderr)")
            let expected = try rows.map { row -> String in
                let ids = try #require((row["ids"] as? [String: Any])?[encoding] as? [Int])
                return "{\"ids\":[" + ids.map(String.init).joined(separator: ",") + "]}"
            }
            #expect(result.stdout == expected.joined(separator: "\n") + "\n", "\(encoding)")
        }
    }

    @Test func jsonLinesWriteEveryEarlierLineBeforeAnError() throws {
        let good = (1...3000).map { #"{"text": "line \#($0)"}"# }
        let result = try TokProcess.run(["encode", "--input", "jsonl"], stdin: (good + ["{broken", #"{"text": "after"}"#]).joined(separator: "\n"))
        #expect(result.status == 1)
        #expect(result.stderr.contains("line 3001"))
        #expect(result.stdout.split(separator: "\n").count == 3000)
    }

    @Test func vocabularyQueriesAnswerWhatUsersAsk() throws {
        let token = try TokProcess.run(["vocab", "token", "--encoding", "qwen3", "9707", "151644"])
        #expect(token.stdout == #"""
            {"id":9707,"token":"Hello","bytes":"48656c6c6f","text":"Hello","special":false}
            {"id":151644,"token":"<|im_start|>","bytes":"3c7c696d5f73746172747c3e","text":"<|im_start|>","special":true}

            """#)
        #expect(try TokProcess.run(["vocab", "id", "--encoding", "qwen3", "Ġhello", "<|im_start|>"]).stdout == "23811\n151644\n")
        #expect(try TokProcess.run(["vocab", "id", "hello"]).stdout == "24912\n")
        let notOne = try TokProcess.run(["vocab", "id", "hello world"])
        #expect(notOne.status == 1 && notOne.stderr.contains("not a single token"))
        #expect(try TokProcess.run(["vocab", "for-model", "gpt-4o", "gpt-oss-120b", "gpt-4-0314", "Qwen/Qwen3-8B"]).stdout
            == "o200k_base\no200k_harmony\ncl100k_base\nqwen3\n")
        let unknownModel = try TokProcess.run(["vocab", "for-model", "llama-9"])
        #expect(unknownModel.status == 1 && unknownModel.stderr.contains("llama-9"))
        // 201088 is openai-harmony's reserved id, beyond o200k_harmony's vocabulary.
        #expect(try TokProcess.run(["vocab", "token", "201088"]).status == 1)
        #expect(try TokProcess.run(["harmony", "render", "--format", "text"], stdin: #"{"messages":[{"role":"user","content":"\ud83d"}]}"#).stdout
            == "<|start|>user<|message|>\u{FFFD}<|end|><|start|>assistant")
    }
}

/// `tok show`, checked against `tok encode` and `tok vocab token` (which the fixture suites check).
@Suite struct ShowCommandTests {
    @Test func tokensFormatListsEachIdWithItsTextAndBytes() throws {
        let text = "héllo\n\t🎉 <|im_start|>"
        let shown = try TokProcess.run(["show", "--encoding", "qwen3", "--format", "tokens", text])
        #expect(shown.status == 0, "\(shown.stderr)")
        let ids = try TokProcess.run(["encode", "--encoding", "qwen3", text]).stdout.split(separator: " ").map { String($0.filter(\.isNumber)) }
        let rows = shown.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.map { $0[0] } == ids)
        for row in rows {
            let entry = try #require(JSONSerialization.jsonObject(with: Data(try TokProcess.run(["vocab", "token", "--encoding", "qwen3", row[0]]).stdout.utf8)) as? [String: Any])
            #expect(row[2] == entry["bytes"] as? String)
            #expect((try JSONSerialization.jsonObject(with: Data(row[1].utf8), options: .fragmentsAllowed)) as? String == entry["text"] as? String)
            #expect((row.count == 4 && row[3] == "special") == (entry["special"] as? Bool == true))
        }
    }

    @Test func colorFormatAlternatesBackgroundsAndBracketsWithoutColour() throws {
        let plain = try TokProcess.run(["show", "hello world\n"])
        #expect(plain.stdout == "[hello][ world][↵\n]\n\n24912 2375 198\n\n3 tokens, 12 characters, 12 bytes\n")
        let colored = try TokProcess.run(["show", "--color", "always", "--allowed-special", "all", "hi <|start|>"])
        let escape = "\u{1B}["
        #expect(colored.stdout.hasPrefix("\(escape)41mhi\(escape)0m\(escape)42m \(escape)0m\(escape)43m\(escape)4m<|start|>\(escape)0m\n\n"))
        #expect(colored.stdout.contains("\(escape)41m3686\(escape)0m \(escape)42m220\(escape)0m \(escape)43m\(escape)4m200006\(escape)0m"))
        // A token that is not valid UTF-8 on its own shows its bytes.
        #expect(try TokProcess.run(["show", "--encoding", "cl100k_base", "🎉"]).stdout.hasPrefix("[<f0><9f>][<8e>][<89>]\n"))
    }
}
