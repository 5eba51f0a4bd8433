import TokenizerSuiteTestSupport
import Foundation
import Testing
import TokenizerSuite

/// `tok encode --input jsonl` as a pipeline stage, checked against the reference ids of
/// Fixtures/corpus (written by Fixtures/scripts/generate_corpus_fixtures.py from tiktoken and tokenizers).
@Suite struct CorpusPipelineCommandTests {
    /// One fixture document: its input line and what the references make of it.
    struct Document {
        let line: String
        let object: [String: Any]
        func ids(_ tokenizer: String) throws -> [Int] { try #require(object[tokenizer] as? [Int]) }
    }

    static let corpus = FixturePaths.url("corpus/docs.jsonl").path
    /// The references encode special-token text in documents as ordinary text (tiktoken's
    /// `encode_ordinary`); `tok` follows tiktoken's `encode`, which refuses it, unless told so.
    static let ordinary = ["--disallowed-special", "none"]
    static let smallBPE = FixturePaths.url("corpus/small_bpe").path

    static func documents() throws -> [Document] {
        let text = try String(contentsOfFile: corpus, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            Document(line: String(line), object: try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]))
        }
    }

    static func references() throws -> [String: Any] {
        let data = try Data(contentsOf: FixturePaths.url("corpus/references.json"))
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func endOfText(_ tokenizer: String) throws -> Int {
        try #require((references()["eos"] as? [String: Int])?[tokenizer])
    }

    /// A fresh folder for one test's outputs.
    static func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tok-corpus-\(UUID())", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    static func littleEndian(_ data: Data, width: Int) -> [Int] {
        let bytes = [UInt8](data)
        return stride(from: 0, to: bytes.count, by: width).map { start in
            (0..<width).reduce(0) { $0 | Int(bytes[start + $1]) << (8 * $1) }
        }
    }

    @Test(arguments: ["docs.jsonl", "docs.jsonl.gz", "docs.jsonl.zst"])
    func keptFieldsAndIdsInInputOrderOnAllThreads(file: String) throws {
        let documents = try Self.documents()
        for (tokenizer, flags) in [("o200k_harmony", ["--encoding", "o200k_harmony"] + Self.ordinary), ("qwen3", ["--encoding", "qwen3"])] {
            let result = try TokProcess.run(["encode", "--input", "jsonl", "--file", FixturePaths.url("corpus/" + file).path,
                                             "--keep", "id", "--keep", "meta", "--threads", "2"] + flags)
            #expect(result.status == 0, "\(result.stderr)")
            let rows = try Self.jsonLines(result.stdout)
            #expect(rows.count == documents.count)
            for (row, document) in zip(rows, documents) {
                #expect(row["id"] as? String == document.object["id"] as? String)
                #expect((row["meta"] as? NSDictionary) == (document.object["meta"] as? NSDictionary))
                #expect(row["ids"] as? [Int] == (try document.ids(tokenizer)), "\(tokenizer) \(row["id"] ?? "")")
            }
            // Kept fields come first, in the order asked, then the ids.
            #expect(result.stdout.hasPrefix(#"{"id":"doc-0","meta":{"n":0,"tags":["a",null]},"ids":["#))
        }
    }

    @Test func numpyOutputIsOneFlatArrayWithTheEndOfTextAfterEachDocument() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("ids.npy")
        let result = try TokProcess.run(["encode", "--input", "jsonl", "--file", Self.corpus, "--output", "npy", "--out", out.path, "--append-eos"] + Self.ordinary)
        #expect(result.status == 0, "\(result.stderr)")
        let eos = try Self.endOfText("o200k_harmony")
        let expected = try Self.documents().flatMap { try $0.ids("o200k_harmony") + [eos] }
        let data = try Data(contentsOf: out)
        #expect(data.prefix(8) == Data([0x93] + Array("NUMPY".utf8) + [1, 0]))
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        let header = String(decoding: data[10..<(10 + headerLength)], as: UTF8.self)
        #expect(header.hasPrefix("{'descr': '<u4', 'fortran_order': False, 'shape': (\(expected.count),), }"))
        #expect(header.hasSuffix("\n"))
        #expect(Self.littleEndian(data.dropFirst(10 + headerLength), width: 4) == expected)
    }

    @Test func u16OutputsForASmallVocabularyAndARefusalForALargeOne() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("ids.npy")
        let small = try TokProcess.run(["encode", "--input", "jsonl", "--file", Self.corpus, "--tokenizer", Self.smallBPE,
                                        "--output", "npy", "--out", out.path, "--dtype", "u16"])
        #expect(small.status == 0, "\(small.stderr)")
        let data = try Data(contentsOf: out)
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        #expect(String(decoding: data[10..<(10 + headerLength)], as: UTF8.self).contains("'descr': '<u2'"))
        #expect(Self.littleEndian(data.dropFirst(10 + headerLength), width: 2) == (try Self.documents().flatMap { try $0.ids("small_bpe") }))
        let large = try TokProcess.run(["encode", "--input", "jsonl", "--file", Self.corpus, "--encoding", "qwen3",
                                        "--output", "npy", "--out", out.path, "--dtype", "u16"])
        #expect(large.status == 2)
        #expect(large.stderr.contains("u16") && large.stderr.contains("qwen3"))
        // The small BPE has no end-of-sequence token: asking for one is refused, not ignored.
        let eos = try TokProcess.run(["encode", "--input", "jsonl", "--file", Self.corpus, "--tokenizer", Self.smallBPE, "--append-eos"])
        #expect(eos.status == 2)
        #expect(eos.stderr.contains("end-of-sequence"))
    }

    @Test func binaryOutputHasASidecarAndAManifest() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("ids.bin")
        let result = try TokProcess.run(["encode", "--input", "jsonl", "--file", Self.corpus, "--encoding", "qwen3",
                                         "--output", "bin", "--out", out.path, "--append-eos", "--threads", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        let eos = try Self.endOfText("qwen3")
        let expected = try Self.documents().flatMap { try $0.ids("qwen3") + [eos] }
        #expect(Self.littleEndian(try Data(contentsOf: out), width: 4) == expected)
        let sidecar = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out.path + ".json"))) as? [String: Any])
        #expect(sidecar["dtype"] as? String == "u32")
        #expect(sidecar["count"] as? Int == expected.count)
        #expect(sidecar["tokenizer"] as? String == "qwen3")
        #expect(sidecar["sha256"] as? String == (try Self.sha256(of: out)))
        let manifest = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out.path + ".manifest.json"))) as? [String: Any])
        #expect(manifest["documents"] as? Int == 40)
        #expect(manifest["tokens"] as? Int == expected.count)
        #expect(manifest["complete"] as? Bool == true)
        #expect(manifest["shard"] as? String == "0/1")
        #expect(manifest["input"] as? String == Self.corpus)
        #expect((manifest["tokenizer"] as? [String: Any])?["name"] as? String == "qwen3")
        #expect(((manifest["tokenizer"] as? [String: Any])?["sha256"] as? String)?.count == 64)
        #expect(manifest["tool_version"] as? String == (try TokProcess.run(["--version"]).stdout.trimmingCharacters(in: .newlines)))
    }

    /// Megatron-LM's MMIDIDX index: header, version 1, dtype code, counts, sizes, pointers, document index.
    @Test func megatronOutputIsAnIndexedDataset() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = folder.appendingPathComponent("corpus_text_document").path
        let result = try TokProcess.run(["encode", "--input", "jsonl", "--file", Self.corpus, "--output", "megatron", "--out", prefix, "--append-eos"] + Self.ordinary)
        #expect(result.status == 0, "\(result.stderr)")
        let eos = try Self.endOfText("o200k_harmony")
        let sequences = try Self.documents().map { try $0.ids("o200k_harmony") + [eos] }
        #expect(Self.littleEndian(try Data(contentsOf: URL(fileURLWithPath: prefix + ".bin")), width: 4) == sequences.flatMap { $0 })
        let index = [UInt8](try Data(contentsOf: URL(fileURLWithPath: prefix + ".idx")))
        #expect(Array(index[0..<9]) == Array("MMIDIDX".utf8) + [0, 0])
        func integer(at offset: Int, width: Int) -> Int { Self.littleEndian(Data(index[offset..<(offset + width)]), width: width)[0] }
        #expect(integer(at: 9, width: 8) == 1)
        #expect(index[17] == 4)  // int32 in Megatron-LM's dtype codes
        let count = integer(at: 18, width: 8), documentCount = integer(at: 26, width: 8)
        #expect(count == sequences.count)
        #expect(documentCount == sequences.count + 1)
        var offset = 34
        let sizes = (0..<count).map { integer(at: offset + 4 * $0, width: 4) }
        offset += 4 * count
        let pointers = (0..<count).map { integer(at: offset + 8 * $0, width: 8) }
        offset += 8 * count
        let documentIndex = (0..<documentCount).map { integer(at: offset + 8 * $0, width: 8) }
        offset += 8 * documentCount
        #expect(offset == index.count)
        #expect(sizes == sequences.map(\.count))
        #expect(pointers == sequences.indices.map { 4 * sequences[..<$0].reduce(0) { $0 + $1.count } })
        #expect(documentIndex == Array(0...count))
    }

    @Test func shardsCoverTheFileExactlyOnce() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = try TokProcess.run(["encode", "--input", "jsonl", "--file", Self.corpus, "--keep", "id"] + Self.ordinary)
        var joined = ""
        for index in 0..<3 {
            let out = folder.appendingPathComponent("part-\(index).jsonl")
            let part = try TokProcess.run(["encode", "--input", "jsonl", "--file", Self.corpus, "--keep", "id", "--shard", "\(index)/3", "--out", out.path] + Self.ordinary)
            #expect(part.status == 0, "\(part.stderr)")
            let text = try String(contentsOf: out, encoding: .utf8)
            #expect(!text.isEmpty)
            joined += text
            let manifest = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out.path + ".manifest.json"))) as? [String: Any])
            #expect(manifest["shard"] as? String == "\(index)/3")
        }
        #expect(joined == whole.stdout)
        let compressed = try TokProcess.run(["encode", "--input", "jsonl", "--file", FixturePaths.url("corpus/docs.jsonl.gz").path, "--shard", "0/2"])
        #expect(compressed.status == 2)
        #expect(compressed.stderr.contains("uncompressed"))
        for bad in ["3/3", "x", "1/0"] {
            let result = try TokProcess.run(["encode", "--input", "jsonl", "--file", Self.corpus, "--shard", bad])
            #expect(result.status != 0 && result.stderr.contains(bad), "\(bad)")
        }
    }

    @Test func badLinesFailAfterEarlierOutputOrAreSkipped() throws {
        let good = try Self.documents().prefix(4).map(\.line)
        let input = ([good[0], good[1], #"{"text": 12}"#, good[2], "{not json", good[3]]).joined(separator: "\n") + "\n"
        let failed = try TokProcess.run(["encode", "--input", "jsonl", "--keep", "id"], stdin: input)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("line 3"))
        #expect(try Self.jsonLines(failed.stdout).map { $0["id"] as? String } == ["doc-0", "doc-1"])
        let skipped = try TokProcess.run(["encode", "--input", "jsonl", "--keep", "id", "--on-error", "skip"], stdin: input)
        #expect(skipped.status == 0)
        #expect(skipped.stderr.contains("line 3") && skipped.stderr.contains("line 5"))
        #expect(try Self.jsonLines(skipped.stdout).map { $0["id"] as? String } == ["doc-0", "doc-1", "doc-2", "doc-3"])
        // A file output records the lines it skipped in its manifest.
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("in.jsonl"), out = folder.appendingPathComponent("out.bin")
        try Data(input.utf8).write(to: file)
        _ = try TokProcess.run(["encode", "--input", "jsonl", "--file", file.path, "--output", "bin", "--out", out.path, "--on-error", "skip"])
        let manifest = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out.path + ".manifest.json"))) as? [String: Any])
        #expect(manifest["skipped_lines"] as? [Int] == [3, 5])
        #expect(manifest["documents"] as? Int == 4)
    }

    @Test func resumeSkipsOnlyAFinishedShardWithTheSameSettings() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("ids.bin")
        let arguments = ["encode", "--input", "jsonl", "--file", Self.corpus, "--output", "bin", "--out", out.path, "--resume"] + Self.ordinary
        let first = try TokProcess.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        let written = try Data(contentsOf: out)
        let modified = try FileManager.default.attributesOfItem(atPath: out.path)[.modificationDate] as? Date
        let again = try TokProcess.run(arguments)
        #expect(again.status == 0)
        #expect(again.stderr.contains("already done"))
        #expect(try FileManager.default.attributesOfItem(atPath: out.path)[.modificationDate] as? Date == modified)
        // An output that no longer has the size its manifest records is made again.
        try Data("truncated".utf8).write(to: out)
        #expect(try TokProcess.run(arguments).stderr.isEmpty)
        #expect(try Data(contentsOf: out) == written)
        let other = try TokProcess.run(arguments + ["--append-eos"])  // other settings: the shard runs again
        #expect(other.status == 0)
        #expect(try Data(contentsOf: out).count == written.count + 4 * 40)
        #expect(try TokProcess.run(["encode", "--input", "jsonl", "--file", Self.corpus, "--resume"]).status == 2)
    }

    @Test func progressIsALineOnStandardErrorWhenAsked() throws {
        let on = try TokProcess.run(["encode", "--input", "jsonl", "--file", Self.corpus, "--progress"] + Self.ordinary)
        #expect(on.status == 0)
        #expect(on.stderr.contains("40 docs") && on.stderr.contains("MB/s"))
        let off = try TokProcess.run(["encode", "--input", "jsonl", "--file", Self.corpus, "--no-progress"] + Self.ordinary)
        #expect(off.stderr.isEmpty)
        #expect(on.stdout == off.stdout)
        #expect(try TokProcess.run(["encode", "--input", "jsonl", "--file", Self.corpus] + Self.ordinary).stderr.isEmpty)  // not a terminal
    }

    /// The documents' texts joined and repeated: long enough to be cut at line starts and encoded
    /// on two threads; the ids must be the reference's for the whole text.
    @Test(arguments: ["o200k_harmony", "qwen3"])
    func longTextsAndCountsAreSplitAcrossThreadsWithTheReferenceIds(tokenizer: String) throws {
        let long = try #require(Self.references()["long"] as? [String: Any])
        let repeats = try #require(long["repeat"] as? Int)
        let reference = try #require((long["ids"] as? [String: [String: Any]])?[tokenizer])
        let text = String(repeating: try Self.documents().map { $0.object["text"] as? String ?? "" }.joined(), count: repeats)
        #expect(text.utf8.count == long["bytes"] as? Int)
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("long.txt")
        try Data(text.utf8).write(to: file)
        for threads in ["1", "2"] {
            let encoded = try TokProcess.run(["encode", "--encoding", tokenizer, "--file", file.path, "--threads", threads] + Self.ordinary)
            #expect(encoded.status == 0, "\(encoded.stderr)")
            let ids = encoded.stdout.split(whereSeparator: \.isWhitespace).compactMap { UInt32($0) }
            #expect(ids.count == reference["count"] as? Int, "\(tokenizer) threads \(threads)")
            #expect(Self.fnv1a64(ids) == reference["fnv1a64"] as? String, "\(tokenizer) threads \(threads)")
            let counted = try TokProcess.run(["count", "--encoding", tokenizer, "--file", file.path, "--threads", threads] + Self.ordinary)
            #expect(Int(counted.stdout.trimmingCharacters(in: .newlines)) == reference["count"] as? Int)
        }
    }

    /// The same long text counted and encoded in parts as it is read (the library's streaming
    /// reads, with small parts so that it cuts many times): the reference's count and ids; invalid UTF-8
    /// in a late part is reported at its offset in the whole text, and read as U+FFFD when lossy.
    @Test(arguments: ["o200k_harmony", "qwen3"])
    func streamedCountsAndIDsAreTheReferences(tokenizer name: String) throws {
        let long = try #require(Self.references()["long"] as? [String: Any])
        let repeats = try #require(long["repeat"] as? Int)
        let reference = try #require((long["ids"] as? [String: [String: Any]])?[name])
        let text = String(repeating: try Self.documents().map { $0.object["text"] as? String ?? "" }.joined(), count: repeats)
        let tokenizer = try TokenizerRegistry.load(named: name)
        var policy = tokenizer.defaultPolicy
        policy.disallowed = .none
        policy.addSpecialTokens = false
        #expect(tokenizer.splitsAtLineStarts(under: policy))  // so the streamed count does cut
        /// Hands out `bytes` a thousand at a time.
        func reader(_ bytes: [UInt8]) -> (inout [UInt8]) -> Bool {
            var position = 0
            return { buffer in
                guard position < bytes.count else { return false }
                let end = min(bytes.count, position + 1_000)
                buffer.append(contentsOf: bytes[position..<end])
                position = end
                return true
            }
        }
        func streamed(_ bytes: [UInt8], lossy: Bool = false, threads: Int = 1) throws -> Int {
            try tokenizer.countTokens(policy: policy, threads: threads, lossy: lossy, partBytes: 4_096, reading: reader(bytes))
        }
        let bytes = Array(text.utf8)
        #expect(try streamed(bytes) == reference["count"] as? Int)
        #expect(try streamed(bytes, threads: 2) == reference["count"] as? Int)
        var ids: [UInt32] = []
        var parts = 0
        try tokenizer.encode(policy: policy, threads: 2, partBytes: 4_096, reading: reader(bytes)) { ids += $0; parts += 1 }
        #expect(parts > 100)
        #expect(ids.count == reference["count"] as? Int && Self.fnv1a64(ids) == reference["fnv1a64"] as? String)
        var damaged = bytes
        let bad = bytes.count - 5_000
        damaged[bad] = 0xFF
        #expect(throws: TokenizerError.invalidUTF8(offset: bad)) { try streamed(damaged) }
        // On two threads the parts before the bad byte are emitted, in order, before the error.
        var emitted: [UInt32] = []
        #expect(throws: TokenizerError.invalidUTF8(offset: bad)) {
            try tokenizer.encode(policy: policy, threads: 2, partBytes: 4_096, reading: reader(damaged)) { emitted += $0 }
        }
        #expect(emitted.count > ids.count / 2 && Array(ids.prefix(emitted.count)) == emitted)
        // An output that fails at its tenth part ends the stream: no part after it is finished.
        struct OutputFailed: Error {}
        var finished = 0
        #expect(throws: OutputFailed.self) {
            try tokenizer.encode(policy: policy, threads: 2, partBytes: 4_096, reading: reader(bytes)) { _ in
                finished += 1
                if finished == 10 { throw OutputFailed() }
            }
        }
        #expect(finished == 10)
        #expect(try streamed(damaged, lossy: true) == (try tokenizer.countTokens(String(decoding: damaged, as: UTF8.self), policy: policy)))
    }

    /// FNV-1a 64 over each id as 4 little-endian bytes, as the fixture script computes it.
    static func fnv1a64(_ ids: [UInt32]) -> String {
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        for id in ids {
            for shift in stride(from: 0, to: 32, by: 8) { state = (state ^ UInt64((id >> UInt32(shift)) & 0xFF)) &* 0x100_0000_01b3 }
        }
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func sha256(of file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: output, as: UTF8.self).prefix(64))
    }
}
