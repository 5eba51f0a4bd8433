import ArgumentParser
import Foundation
import OrderedJSON
import TokenizerSuite

/// `tok bench`: encode throughput under the protocol of the peers' benchmark script.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure single-threaded encode throughput; one JSON line per file.")

    @OptionGroup var tokenizerOptions: TokenizerOptions

    @Option(name: .long, help: "Chunk size in UTF-8 bytes (whole lines).")
    var chunkBytes: Int = 100_000

    @Option(name: .customLong("repeat"), help: "Passes over all chunks; the best is reported.")
    var passes: Int = 5

    @Argument(help: "Text files to encode.")
    var files: [String]

    func validate() throws {
        guard chunkBytes > 0 else { throw ValidationError("--chunk-bytes must be positive") }
        guard passes > 0 else { throw ValidationError("--repeat must be positive") }
    }

    func run() throws {
        let loadStart = DispatchTime.now()
        let tokenizer = try tokenizerOptions.load()
        // The peers' reference call: tiktoken's encode_ordinary, tokenizers' encode(text,
        // add_special_tokens=False) — the default policy without additions or errors.
        var policy = tokenizer.defaultPolicy
        policy.addSpecialTokens = false
        policy.disallowed = .none
        let loadSeconds = seconds(since: loadStart)
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw InputError("\(file): cannot read the file") }
            let text = BenchmarkCorpus.universalNewlines(try decodeText(data, source: file, lossy: false))
            let chunks = BenchmarkCorpus.chunks(of: text, chunkBytes: chunkBytes)
            let bytes = chunks.reduce(0) { $0 + $1.utf8.count }
            var best = Double.infinity
            var results: [[UInt32]] = []
            for _ in 0..<passes {
                let start = DispatchTime.now()
                let pass = try chunks.map { try tokenizer.encode($0, policy: policy) }
                let elapsed = seconds(since: start)
                if elapsed < best { best = elapsed; results = pass }
            }
            var hash = TokenIDDigest()
            var tokens = 0
            for ids in results {
                tokens += ids.count
                for id in ids { hash.combine(id) }
            }
            let row: [(String, String)] = [
                ("file", JSONValue.string(file).serialized), ("encoding", JSONValue.string(tokenizer.name).serialized), ("bytes", "\(bytes)"),
                ("chunks", "\(chunks.count)"), ("tokens", "\(tokens)"), ("seconds", "\(best)"),
                ("mb_per_s", "\(Double(bytes) / best / 1e6)"), ("load_seconds", "\(loadSeconds)"),
                ("fnv1a64", JSONValue.string(hash.hexDigest).serialized),
            ]
            writeOut("{" + row.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n")
        }
    }

    private func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
