import BytePairEncoding
import Foundation
import Pretokenization
import TiktokenVocabulary
import TokenizerCore

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

    /// The special tokens, in tiktoken 0.14's definition: the one table of their names. For
    /// o200k_harmony, id 200018 has two names; `<|endofprompt|>` comes first, so it is the one
    /// decoding gives (as tiktoken does), and `<|reserved_200018|>` comes later.
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

    /// The tokens with roles: `<|endoftext|>` is the eos (tiktoken's `eot_token`); o200k_harmony's
    /// bos is `<|startoftext|>`, and generation also stops at `<|return|>` and `<|call|>` (gpt-oss's
    /// `generation_config.json`).
    func roles(_ specials: SpecialTokens) -> SpecialTokenRoles {
        func token(_ text: String) -> SpecialTokenRoles.Token? {
            specials.id(of: text).map { SpecialTokenRoles.Token(text: text, id: $0) }
        }
        let eos = token("<|endoftext|>")
        guard self == .o200kHarmony else { return SpecialTokenRoles(eos: eos) }
        let stops = [eos, token("<|return|>"), token("<|call|>")].compactMap { $0?.id }
        return SpecialTokenRoles(bos: token("<|startoftext|>"), eos: eos, stopIDs: stops)
    }

    /// Loads this encoding from the bundled vocabulary folder (or `folder`, which holds
    /// `fileName`), verifying the file's SHA-256 (or mapping the prebuilt form made when it was
    /// last verified). Loaded encodings are cached for the process.
    /// - Throws: `TokenizerError` naming the missing folder, unreadable file or hash mismatch.
    public func load(from folder: URL? = nil) throws -> TiktokenEncoding {
        let directory = try folder ?? Self.bundledFolder()
        return try Self.cache.value(for: "\(rawValue)|\(directory.path)") {
            let file = directory.appendingPathComponent(fileName).path
            // The verified file's prebuilt form when one is cached (see `PrebuiltRanksCache`).
            let ranks = try PrebuiltRanksCache.ranks(source: file, sha256: expectedSHA256, kind: "tiktoken") {
                try TiktokenFile.parse($0, source: file)
            }
            let specials = try SpecialTokens(specialTokens)
            return try TiktokenEncoding(name: rawValue, pattern: pattern, ranks: ranks, specialTokens: specials, roles: roles(specials))
        }
    }

    /// The folder of the bundled `.tiktoken` files.
    /// - Throws: `TokenizerError.vocabularyFolderNotFound` listing where it looked.
    public static func bundledFolder() throws -> URL {
        try ResourceFolder.locate(bundle: TiktokenVocabularyBundle.bundleName, subfolder: TiktokenVocabularyBundle.folderName)
    }

    private static let cache = LoadedValueCache<TiktokenEncoding>()
}

extension TiktokenEncoding {
    /// A bundled encoding by name ("o200k_harmony", "o200k_base", "cl100k_base").
    /// - Parameter vocabularyFolder: a folder holding the `.tiktoken` files instead of the bundled one.
    /// - Throws: `TokenizerError.unknownEncoding` listing the names, or a loading error.
    public static func bundled(_ name: String, vocabularyFolder: URL? = nil) throws -> TiktokenEncoding {
        guard let encoding = BundledEncoding(rawValue: name) else {
            throw TokenizerError.unknownEncoding(name: name, available: BundledEncoding.allCases.map(\.rawValue))
        }
        return try encoding.load(from: vocabularyFolder)
    }
}
