/// Where encoded documents go, in input order.
protocol TokenSink {
    /// Writes one document.
    mutating func write(_ document: EncodedDocument) throws
    /// Completes the output (headers, index, sidecar) and describes the files written.
    mutating func finish() throws -> [WrittenFile]
}

/// The output formats.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// One JSON object per document: the kept fields, then `"ids"`.
    case jsonl
    /// The ids as one raw little-endian array, with a JSON sidecar (`PATH.json`: dtype, count,
    /// tokenizer, sha256) — the layout nanoGPT and llm.c read.
    case bin
    /// One flat NumPy array (`numpy.load`).
    case npy
    /// Megatron-LM's indexed dataset: `PREFIX.bin` and `PREFIX.idx` (`MMIDIDX`, version 1), one
    /// sequence per document.
    case megatron

    /// The files a run with output `path` writes (for megatron, `path` is the prefix).
    func files(at path: String) -> [String] {
        switch self {
        case .jsonl, .npy: return [path]
        case .bin: return [path, path + ".json"]
        case .megatron: return [path + ".bin", path + ".idx"]
        }
    }
}
