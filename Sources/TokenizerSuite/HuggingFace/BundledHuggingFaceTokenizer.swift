import Foundation

/// The Hugging Face tokenizers shipped with the package, by name.
public enum BundledHuggingFaceTokenizer: String, CaseIterable, Sendable {
    /// Qwen3 (also Qwen2/Qwen2.5's pipeline): NFC, the Qwen split pattern, byte-level BPE.
    case qwen3 = "qwen3"
    /// DeepSeek-V3 / R1: three splits (digits, CJK and kana runs, main pattern), byte-level BPE.
    case deepseekV3 = "deepseek_v3"

    /// The folder under the vocabulary folder holding `tokenizer.json` and `tokenizer_config.json`.
    public var folderName: String { rawValue }

    /// The published SHA-256 of `tokenizer.json` and `tokenizer_config.json`.
    public var expectedSHA256: (tokenizer: String, config: String) {
        switch self {
        case .qwen3:
            return ("aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4",
                    "16ac5853d77c5ca561fc3f7e7cb9baca69b3d3c009d34edb76770699532b712e")
        case .deepseekV3:
            return ("621ac2e32d0dba658404412318818aaa8ce8cda492e59830109d8da6b517fb41",
                    "637bcd1a08cf7c772ce6a383196b22930921c79c3c73223c5afc0c7f41545546")
        }
    }

    /// Loads this tokenizer from the bundled vocabulary folder (or `folder`), verifying both files'
    /// SHA-256. Loaded tokenizers are cached for the life of the process.
    /// - Throws: `TokenizerError` naming the missing folder, unreadable file or hash mismatch.
    public func load(from folder: URL? = nil) throws -> HuggingFaceTokenizer {
        let directory = try (folder ?? BundledEncoding.defaultFolder()).appendingPathComponent(folderName, isDirectory: true)
        let key = directory.path
        if let cached = Self.cache.value(for: key) { return cached }
        let file = directory.appendingPathComponent("tokenizer.json")
        let configFile = directory.appendingPathComponent("tokenizer_config.json")
        let json = try HuggingFaceTokenizer.readFile(file)
        let config = try HuggingFaceTokenizer.readFile(configFile)
        // Hash on another core while this one builds the tokenizer; nothing is returned (or cached)
        // unless both hashes match. The bundled files' rank-merge equivalence is verified by the tests.
        let digests = DigestTask(json, config)
        let tokenizer = try HuggingFaceTokenizer(
            name: rawValue, tokenizerJSON: json, configJSON: config, source: file.path, trustedRankMerge: true)
        let (jsonDigest, configDigest) = digests.wait()
        for (digest, url, expected) in [(jsonDigest, file, expectedSHA256.tokenizer), (configDigest, configFile, expectedSHA256.config)] {
            guard digest == expected else {
                throw TokenizerError.checksumMismatch(file: url.path, expected: expected, actual: digest)
            }
        }
        Self.cache.store(tokenizer, for: key)
        return tokenizer
    }

    private static let cache = TokenizerCache()
}

/// SHA-256 of two byte arrays, computed on a background thread.
final class DigestTask: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result = ("", "")  // written once by the worker before `done` is signalled

    init(_ first: [UInt8], _ second: [UInt8]) {
        DispatchQueue.global(qos: .userInitiated).async {
            let a = first.withUnsafeBytes { SHA256.hexDigest($0) }
            let b = second.withUnsafeBytes { SHA256.hexDigest($0) }
            self.result = (a, b)
            self.done.signal()
        }
    }

    func wait() -> (String, String) {
        done.wait()
        return result
    }
}

/// A process-wide cache of loaded Hugging Face tokenizers, keyed by folder.
final class TokenizerCache: @unchecked Sendable {
    private let lock = NSLock()
    private var tokenizers: [String: HuggingFaceTokenizer] = [:]

    func value(for key: String) -> HuggingFaceTokenizer? {
        lock.lock(); defer { lock.unlock() }
        return tokenizers[key]
    }

    func store(_ tokenizer: HuggingFaceTokenizer, for key: String) {
        lock.lock(); defer { lock.unlock() }
        tokenizers[key] = tokenizer
    }
}

extension HuggingFaceTokenizer {
    /// A bundled tokenizer by name ("qwen3", "deepseek_v3").
    /// - Throws: `TokenizerError.unknownEncoding` listing the names, or a loading error.
    public static func bundled(_ name: String, vocabularyFolder: URL? = nil) throws -> HuggingFaceTokenizer {
        guard let tokenizer = BundledHuggingFaceTokenizer(rawValue: name) else {
            throw TokenizerError.unknownEncoding(name: name, available: BundledHuggingFaceTokenizer.allCases.map(\.rawValue))
        }
        return try tokenizer.load(from: vocabularyFolder)
    }
}

/// Every bundled tokenizer of either format, by name.
public enum BundledTokenizer {
    /// All bundled names: the OpenAI encodings, then the Hugging Face tokenizers.
    public static var names: [String] {
        BundledEncoding.allCases.map(\.rawValue) + BundledHuggingFaceTokenizer.allCases.map(\.rawValue)
    }

    /// The bundled tokenizer called `name`.
    /// - Throws: `TokenizerError.unknownEncoding` listing the names, or a loading error.
    public static func load(_ name: String, vocabularyFolder: URL? = nil) throws -> any TextTokenizer {
        if BundledEncoding(rawValue: name) != nil { return try TiktokenEncoding.bundled(name, vocabularyFolder: vocabularyFolder) }
        if BundledHuggingFaceTokenizer(rawValue: name) != nil { return try HuggingFaceTokenizer.bundled(name, vocabularyFolder: vocabularyFolder) }
        throw TokenizerError.unknownEncoding(name: name, available: names)
    }
}
