import Foundation
import TokenizerSuite
import TransformerRuntime

/// A Hugging Face model folder: the checkpoint (`config.json`, `generation_config.json`, the
/// safetensors files) and, when the folder has them, its tokenizer (`tokenizer.json` with
/// `tokenizer_config.json` and `generation_config.json`'s stop ids).
public struct ModelFolder: Sendable, Hashable {
    /// The folder.
    public let path: String

    public init(_ path: String) {
        self.path = path
    }

    /// Whether the folder holds a `tokenizer.json`.
    public var hasTokenizer: Bool {
        FileManager.default.fileExists(atPath: URL(fileURLWithPath: path).appendingPathComponent("tokenizer.json").path)
    }

    /// The model, its weights memory-mapped.
    /// - Throws: `ModelError` naming the file, key or tensor that is wrong.
    public func loadModel(parallelism: Parallelism = .allProcessors) throws -> LanguageModel {
        try LanguageModel(directory: path, parallelism: parallelism)
    }

    /// The folder's tokenizer.
    /// - Throws: `TokenizerError` naming the folder when it has no `tokenizer.json`, or what is wrong in it.
    public func loadTokenizer() throws -> any Tokenizer {
        guard hasTokenizer else { throw TokenizerError.unreadableFile(path: path, reason: "the model folder has no tokenizer.json") }
        return try TokenizerRegistry.load(.tokenizerJSON(path: path))
    }
}
