import BytePairEncoding
import Foundation
import HuggingFaceTokenizers
import Pretokenization
import TiktokenTokenizers
import TokenizerCore

/// Loads any tokenizer of the suite from a name, a file or a folder, as `any Tokenizer`. Loaded
/// tokenizers are cached for the process, by source.
public enum TokenizerRegistry {
    /// Every bundled name: the OpenAI encodings, then the Hugging Face tokenizers.
    public static var bundledNames: [String] {
        BundledEncoding.allCases.map(\.rawValue) + BundledHuggingFaceTokenizer.allCases.map(\.rawValue)
    }

    /// The tokenizer `source` names.
    /// - Parameters:
    ///   - source: where the tokenizer is read from.
    ///   - vocabularyFolder: for `.bundled`, a folder holding the vocabulary files (the
    ///     `.tiktoken` files and the tokenizer folders) instead of the bundled ones.
    /// - Throws: `TokenizerError` naming the unknown name, the file, or what is wrong in it.
    public static func load(_ source: TokenizerSource, vocabularyFolder: URL? = nil) throws -> any Tokenizer {
        switch source {
        case let .bundled(name):
            if BundledEncoding(rawValue: name) != nil { return try TiktokenEncoding.bundled(name, vocabularyFolder: vocabularyFolder) }
            if BundledHuggingFaceTokenizer(rawValue: name) != nil {
                return try HuggingFaceTokenizer.bundled(name, vocabularyFolder: vocabularyFolder)
            }
            throw TokenizerError.unknownEncoding(name: name, available: bundledNames)
        case let .tokenizerJSON(path):
            return try cache.value(for: "json|\(path)") { try HuggingFaceTokenizer.load(path: path) }
        case let .huggingFaceHub(repository, revision):
            let snapshot = try HuggingFaceHubCache().snapshot(of: repository, revision: revision)
            return try cache.value(for: "json|\(snapshot)") { try HuggingFaceTokenizer.load(path: snapshot, name: repository) }
        case let .tiktoken(path, pattern, specialTokens):
            let key = "tiktoken|\(path)|\(pattern)|\(specialTokens.sorted { $0.key < $1.key })"
            return try cache.value(for: key) {
                let ranks = try TiktokenFile.parse(try FileBytes.read(path), source: path)
                let specials: SpecialTokens
                do {
                    specials = try SpecialTokens(specialTokens.sorted { $0.value < $1.value }.map { (text: $0.key, id: $0.value) })
                } catch let error as VocabularyError {
                    throw TokenizerError.malformedVocabulary(source: path, line: nil, reason: error.message)
                }
                return try TiktokenEncoding(name: source.defaultName, pattern: resolvePattern(pattern), ranks: ranks, specialTokens: specials)
            }
        }
    }

    /// The SHA-256 of the vocabulary file behind `source`: the published hash of a bundled file
    /// (verified when it loads), or the hash of the `tokenizer.json` / `.tiktoken` file read.
    /// - Throws: `TokenizerError` when the file cannot be read.
    public static func vocabularyDigest(of source: TokenizerSource, vocabularyFolder: URL? = nil) throws -> String? {
        switch source {
        case let .bundled(name):
            if let encoding = BundledEncoding(rawValue: name) { return encoding.expectedSHA256 }
            return BundledHuggingFaceTokenizer(rawValue: name)?.expectedSHA256.tokenizer
        case let .tokenizerJSON(path):
            let file = FileBytes.isFolder(path) ? URL(fileURLWithPath: path).appendingPathComponent("tokenizer.json").path : path
            return try FileBytes.read(file).withUnsafeBytes { SHA256.hexDigest($0) }
        case let .tiktoken(path, _, _):
            return try FileBytes.read(path).withUnsafeBytes { SHA256.hexDigest($0) }
        case let .huggingFaceHub(repository, revision):
            let snapshot = try HuggingFaceHubCache().snapshot(of: repository, revision: revision)
            return try FileBytes.read(snapshot + "/tokenizer.json").withUnsafeBytes { SHA256.hexDigest($0) }
        }
    }

    /// A bundled tokenizer by name.
    public static func load(named name: String, vocabularyFolder: URL? = nil) throws -> any Tokenizer {
        try load(.bundled(name), vocabularyFolder: vocabularyFolder)
    }

    /// The bundled tokenizer a model uses: tiktoken's model table for OpenAI models (`gpt-4o`,
    /// `gpt-oss-120b`; the name may be an encoding this package does not bundle), then `qwen3` for
    /// Qwen3 models and `deepseek_v3` for DeepSeek-V3 (case-insensitive, with or without the hub
    /// organization: `Qwen/Qwen3-0.6B`). nil when unknown.
    public static func tokenizerName(forModel model: String) -> String? {
        if let name = ModelEncodings.encodingName(forModel: model) { return name }
        let base = (model.split(separator: "/").last.map(String.init) ?? model).lowercased()
        if base.hasPrefix("qwen3") { return BundledHuggingFaceTokenizer.qwen3.rawValue }
        if base.hasPrefix("deepseek-v3") { return BundledHuggingFaceTokenizer.deepseekV3.rawValue }
        return nil
    }

    /// `o200k` and `cl100k` name the published patterns; anything else is the pattern itself.
    public static func resolvePattern(_ pattern: String) -> String {
        switch pattern {
        case "o200k": return KnownPatterns.o200k
        case "cl100k": return KnownPatterns.cl100k
        default: return pattern
        }
    }

    private static let cache = LoadedValueCache<any Tokenizer>()
}
