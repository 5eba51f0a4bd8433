import BytePairEncoding
import Foundation
import Pretokenization
import TokenizerSuiteVocab

/// The OpenAI encodings shipped with the package, by name.
public enum BundledEncoding: String, CaseIterable, Sendable {
    /// gpt-oss: o200k_base ranks with the 1,091 harmony special tokens (ids 199998–201087).
    case o200kHarmony = "o200k_harmony"
    /// GPT-4o family.
    case o200kBase = "o200k_base"
    /// GPT-4 / GPT-3.5 family.
    case cl100kBase = "cl100k_base"

    /// The o200k pre-tokenization pattern, as published in tiktoken.
    public static let o200kPattern = KnownPatterns.o200k

    /// The cl100k pre-tokenization pattern, as published in tiktoken.
    public static let cl100kPattern = KnownPatterns.cl100k

    /// The vocabulary file this encoding reads, relative to the vocabulary folder.
    public var fileName: String {
        switch self {
        case .o200kHarmony, .o200kBase: return "o200k_base.tiktoken"
        case .cl100kBase: return "cl100k_base.tiktoken"
        }
    }

    /// The published SHA-256 of `fileName` (the hash tiktoken itself checks).
    public var expectedSHA256: String {
        switch self {
        case .o200kHarmony, .o200kBase: return "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"
        case .cl100kBase: return "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"
        }
    }

    /// The pre-tokenization pattern.
    public var pattern: String {
        self == .cl100kBase ? Self.cl100kPattern : Self.o200kPattern
    }

    /// The special tokens, in tiktoken 0.14's definition. For o200k_harmony, id 200018 has two
    /// names; `<|endofprompt|>` comes first, so it is the one decoding gives (as tiktoken does).
    public var specialTokens: [(text: String, id: TokenID)] {
        switch self {
        case .cl100kBase:
            return [("<|endoftext|>", 100257), ("<|fim_prefix|>", 100258), ("<|fim_middle|>", 100259),
                    ("<|fim_suffix|>", 100260), ("<|endofprompt|>", 100276)]
        case .o200kBase:
            return [("<|endoftext|>", 199999), ("<|endofprompt|>", 200018)]
        case .o200kHarmony:
            let named: [TokenID: String] = [
                199998: "<|startoftext|>", 199999: "<|endoftext|>", 200002: "<|return|>",
                200003: "<|constrain|>", 200005: "<|channel|>", 200006: "<|start|>", 200007: "<|end|>",
                200008: "<|message|>", 200012: "<|call|>",
            ]
            var tokens: [(text: String, id: TokenID)] = [("<|endofprompt|>", 200018)]
            for id in TokenID(199998)...201087 {
                tokens.append((named[id] ?? "<|reserved_\(id)|>", id))
            }
            return tokens
        }
    }

    /// Loads this encoding from the bundled vocabulary folder (or `folder` when given), verifying the
    /// file's SHA-256. Loaded encodings are cached for the life of the process.
    /// - Throws: `TokenizerError` naming the missing folder, unreadable file or hash mismatch.
    public func load(from folder: URL? = nil) throws -> TiktokenEncoding {
        let directory = try folder ?? Self.defaultFolder()
        let key = "\(rawValue)|\(directory.path)"
        if let cached = Self.cache.value(for: key) { return cached }
        let file = directory.appendingPathComponent(fileName)
        let data: Data
        do {
            data = try Data(contentsOf: file, options: .alwaysMapped)
        } catch {
            throw TokenizerError.unreadableFile(path: file.path, reason: error.localizedDescription)
        }
        let digest = data.withUnsafeBytes { SHA256.hexDigest($0) }
        guard digest == expectedSHA256 else {
            throw TokenizerError.checksumMismatch(file: file.path, expected: expectedSHA256, actual: digest)
        }
        let ranks = try TiktokenFile.parse(data, source: file.path)
        let encoding = try TiktokenEncoding(
            name: rawValue, pattern: pattern, ranks: ranks, specialTokens: try SpecialTokens(specialTokens))
        Self.cache.store(encoding, for: key)
        return encoding
    }

    /// The bundled vocabulary folder.
    /// - Throws: `TokenizerError.vocabularyFolderNotFound` listing where it looked.
    public static func defaultFolder() throws -> URL {
        guard let folder = BundledVocabularyFolder.locate() else {
            throw TokenizerError.vocabularyFolderNotFound(searched: BundledVocabularyFolder.candidates.map(\.path))
        }
        return folder
    }

    private static let cache = EncodingCache()
}

/// A process-wide cache of loaded encodings, keyed by name and folder.
final class EncodingCache: @unchecked Sendable {
    private let lock = NSLock()
    private var encodings: [String: TiktokenEncoding] = [:]

    func value(for key: String) -> TiktokenEncoding? {
        lock.lock(); defer { lock.unlock() }
        return encodings[key]
    }

    func store(_ encoding: TiktokenEncoding, for key: String) {
        lock.lock(); defer { lock.unlock() }
        encodings[key] = encoding
    }
}

extension TiktokenEncoding {
    /// A bundled encoding by name ("o200k_harmony", "o200k_base", "cl100k_base").
    /// - Throws: `TokenizerError.unknownEncoding` listing the names, or a loading error.
    public static func bundled(_ name: String, vocabularyFolder: URL? = nil) throws -> TiktokenEncoding {
        guard let encoding = BundledEncoding(rawValue: name) else {
            throw TokenizerError.unknownEncoding(name: name, available: BundledEncoding.allCases.map(\.rawValue))
        }
        return try encoding.load(from: vocabularyFolder)
    }
}
