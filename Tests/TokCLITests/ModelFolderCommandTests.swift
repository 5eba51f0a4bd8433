import TokenizerSuite
import TokenizerSuiteTestSupport
import Foundation
import Testing

/// Model folders as users have them: the local Hugging Face hub cache and `generation_config.json`.
@Suite struct ModelFolderCommandTests {
    static let qwen3 = FixturePaths.packageRoot.appendingPathComponent("Vocab/HuggingFace/huggingface/qwen3")
    static let commit = "0123456789abcdef0123456789abcdef01234567"

    /// A hub cache holding `Qwen/Qwen3-0.6B` at `commit` (refs/main names it unless `withRef` is false),
    /// with the bundled Qwen3 files and a generation config listing two stop ids.
    static func cache(withRef: Bool = true, snapshots: [String] = [commit]) throws -> URL {
        let hub = FileManager.default.temporaryDirectory.appendingPathComponent("tok-hub-\(UUID())", isDirectory: true)
        let model = hub.appendingPathComponent("models--Qwen--Qwen3-0.6B")
        for snapshot in snapshots {
            let folder = model.appendingPathComponent("snapshots/\(snapshot)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in ["tokenizer.json", "tokenizer_config.json"] {
                try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(file), withDestinationURL: qwen3.appendingPathComponent(file))
            }
            try Data(#"{"bos_token_id": 151643, "eos_token_id": [151645, 151643], "do_sample": true}"#.utf8)
                .write(to: folder.appendingPathComponent("generation_config.json"))
        }
        if withRef {
            try FileManager.default.createDirectory(at: model.appendingPathComponent("refs"), withIntermediateDirectories: true)
            try Data(commit.utf8).write(to: model.appendingPathComponent("refs/main"))
        }
        return hub
    }

    static func environment(hub: URL) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["HF_HUB_CACHE"] = hub.path
        return environment
    }

    @Test func aHubModelIDReadsTheSnapshotThatRefsMainNames() throws {
        let hub = try Self.cache()
        defer { try? FileManager.default.removeItem(at: hub) }
        let text = "Hello <|im_start|> wörld"
        let bundled = try TokProcess.run(["encode", "--encoding", "qwen3", text])
        let cached = try TokProcess.run(["encode", "--tokenizer", "Qwen/Qwen3-0.6B", text], environment: Self.environment(hub: hub))
        #expect(cached.status == 0, "\(cached.stderr)")
        #expect(cached.stdout == bundled.stdout)
        // The library resolves the same folder.
        let snapshot = try HuggingFaceHubCache(folder: hub.path).snapshot(of: "Qwen/Qwen3-0.6B")
        #expect(snapshot == hub.path + "/models--Qwen--Qwen3-0.6B/snapshots/" + Self.commit)
        #expect(try HuggingFaceHubCache(folder: hub.path).snapshot(of: "Qwen/Qwen3-0.6B", revision: Self.commit) == snapshot)
        // HF_HOME/hub is the default hub folder when HF_HUB_CACHE is not set.
        let home = HuggingFaceHubCache(environment: ["HF_HOME": "/data/hf", "HOME": "/root"])
        #expect(home.folder == "/data/hf/hub")
        #expect(HuggingFaceHubCache(environment: ["HOME": "/home/u"]).folder == "/home/u/.cache/huggingface/hub")
    }

    @Test func withoutRefsMainTheOneSnapshotIsUsedAndTwoAreAnError() throws {
        let single = try Self.cache(withRef: false)
        defer { try? FileManager.default.removeItem(at: single) }
        #expect(try TokProcess.run(["count", "--tokenizer", "Qwen/Qwen3-0.6B", "hi"], environment: Self.environment(hub: single)).stdout == "1\n")
        let two = try Self.cache(withRef: false, snapshots: [Self.commit, String(Self.commit.reversed())])
        defer { try? FileManager.default.removeItem(at: two) }
        let ambiguous = try TokProcess.run(["count", "--tokenizer", "Qwen/Qwen3-0.6B", "hi"], environment: Self.environment(hub: two))
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("2 snapshots"))
    }

    @Test func aMissingModelListsWhereItLookedAndDownloadsNothing() throws {
        let hub = try Self.cache()
        defer { try? FileManager.default.removeItem(at: hub) }
        let missing = try TokProcess.run(["encode", "--tokenizer", "Qwen/Qwen3-8B", "hi"], environment: Self.environment(hub: hub))
        #expect(missing.status == 1)
        #expect(missing.stderr.contains(hub.path + "/models--Qwen--Qwen3-8B/refs/main"))
        #expect(missing.stderr.contains("nothing is downloaded"))
        // A path that does not exist and does not read as ORG/NAME stays a path error.
        let path = try TokProcess.run(["encode", "--tokenizer", "./no/such/tokenizer.json", "hi"])
        #expect(path.status == 1 && path.stderr.contains("./no/such/tokenizer.json"))
        #expect(HuggingFaceHubCache.isRepositoryID("deepseek-ai/DeepSeek-V3"))
        #expect(!HuggingFaceHubCache.isRepositoryID("models/qwen3/tokenizer.json"))
        #expect(!HuggingFaceHubCache.isRepositoryID("../qwen3"))
    }

    @Test func generationConfigStopIDsJoinTheEndOfSequenceID() throws {
        let hub = try Self.cache()
        defer { try? FileManager.default.removeItem(at: hub) }
        let snapshot = try HuggingFaceHubCache(folder: hub.path).snapshot(of: "Qwen/Qwen3-0.6B")
        let tokenizer = try HuggingFaceTokenizer.load(path: snapshot)
        // tokenizer_config.json's eos_token (<|im_end|>) first, then generation_config.json's list.
        #expect(tokenizer.specialTokenRoles.eos?.id == 151645)
        #expect(tokenizer.specialTokenRoles.stopIDs == [151645, 151643])
        #expect(try HuggingFaceTokenizer.load(path: Self.qwen3.path).specialTokenRoles.stopIDs == [151645])
        let info = try TokProcess.run(["vocab", "info", "--tokenizer", "Qwen/Qwen3-0.6B"], environment: Self.environment(hub: hub))
        #expect(info.stdout.contains("stop=151645,151643"))
        let generation = URL(fileURLWithPath: snapshot).appendingPathComponent("generation_config.json")
        try Data(#"{"eos_token_id": [151645, 999999]}"#.utf8).write(to: generation)
        let bad = try TokProcess.run(["count", "--tokenizer", snapshot, "hi"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("generation_config.json") && bad.stderr.contains("eos_token_id"))
    }
}
