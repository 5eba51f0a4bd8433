import ArgumentParser
import BytePairEncoding
import Foundation
import OrderedJSON
import TokenizerSuite

/// `tok bench`: encode throughput under the protocol of the peers' benchmark script.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure single-threaded encode throughput; one JSON line per file.")

    @OptionGroup var tokenizerOptions: TokenizerOptions

    @Option(name: .long, help: "Chunk size in UTF-8 bytes (whole lines).")
    var chunkBytes: Int = 100_000

    @Option(name: .customLong("repeat"), help: "Passes over all chunks; the best is reported.")
    var passes: Int = 5

    @Option(name: .long, help: "A text file encoded once, untimed, before the timed passes (warms the piece cache).")
    var warmup: String?

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
        if let warmup { _ = try encodeAll(try chunks(of: warmup), with: tokenizer, policy: policy) }
        for file in files {
            let chunks = try chunks(of: file)
            let bytes = chunks.reduce(0) { $0 + $1.utf8.count }
            var best = Double.infinity
            var results: [[UInt32]] = []
            var bestCache = PieceCacheStatistics()
            for _ in 0..<passes {
                let before = tokenizer.pieceCacheStatistics
                let start = DispatchTime.now()
                let pass = try encodeAll(chunks, with: tokenizer, policy: policy)
                let elapsed = seconds(since: start)
                if elapsed < best { best = elapsed; results = pass; bestCache = tokenizer.pieceCacheStatistics.since(before) }
            }
            var hash = TokenIDDigest()
            var tokens = 0
            for ids in results {
                tokens += ids.count
                for id in ids { hash.combine(id) }
            }
            let cache = tokenizer.pieceCacheStatistics
            let row: [(String, String)] = [
                ("file", JSONValue.string(file).serialized), ("encoding", JSONValue.string(tokenizer.name).serialized), ("bytes", "\(bytes)"),
                ("chunks", "\(chunks.count)"), ("tokens", "\(tokens)"), ("seconds", "\(best)"),
                ("mb_per_s", "\(Double(bytes) / best / 1e6)"), ("load_seconds", "\(loadSeconds)"),
                ("fnv1a64", JSONValue.string(hash.hexDigest).serialized),
                // The piece cache: its state after the passes, and the hit rate of the best pass.
                ("cache_entries", "\(cache.entries)"), ("cache_bytes", "\(cache.bytes)"),
                ("cache_cap_bytes", "\(cache.capBytesPerCache)"), ("cache_caches", "\(cache.caches)"),
                ("cache_lookups", "\(bestCache.lookups)"), ("cache_hits", "\(bestCache.hits)"),
                ("cache_hit_rate", "\(bestCache.hitRate)"), ("peak_rss_bytes", "\(peakResidentBytes())"),
            ]
            writeOut("{" + row.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n")
        }
    }

    /// The file's chunks under the peers' reading rules (universal newlines, whole lines).
    private func chunks(of file: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: file) else { throw InputError("\(file): cannot read the file") }
        let text = BenchmarkCorpus.universalNewlines(try decodeText(data, source: file, lossy: false))
        return BenchmarkCorpus.chunks(of: text, chunkBytes: chunkBytes)
    }

    private func encodeAll(_ chunks: [String], with tokenizer: any Tokenizer, policy: SpecialTokenPolicy) throws -> [[UInt32]] {
        try chunks.map { try tokenizer.encode($0, policy: policy) }
    }

    /// The process's peak resident set size in bytes.
    private func peakResidentBytes() -> Int {
        var usage = rusage()
        #if os(Linux)
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss) * 1024
        #else
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss)
        #endif
    }

    private func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
