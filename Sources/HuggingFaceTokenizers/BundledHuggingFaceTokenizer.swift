import BytePairEncoding
import Foundation
import HuggingFaceVocabulary
import TokenizerCore

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

    /// Loads this tokenizer from the bundled vocabulary folder (or `folder`, which holds a
    /// `folderName` folder), verifying both files' SHA-256. Loaded tokenizers are cached for the
    /// process.
    ///
    /// A verified `tokenizer.json`'s vocabulary is kept in prebuilt form in the cache folder of
    /// `PrebuiltRanksCache`; while the file is unchanged (path, size, modification time, inode),
    /// later loads map it and skip the file's vocabulary and its SHA-256.
    /// - Throws: `TokenizerError` naming the missing folder, unreadable file or hash mismatch.
    public func load(from folder: URL? = nil) throws -> HuggingFaceTokenizer {
        let directory = try (folder ?? Self.bundledFolder()).appendingPathComponent(folderName, isDirectory: true)
        return try Self.cache.value(for: directory.path) {
            let file = directory.appendingPathComponent("tokenizer.json").path
            let configFile = directory.appendingPathComponent("tokenizer_config.json").path
            let slots = (
                PrebuiltRanksCache.Slot(source: file, sha256: expectedSHA256.tokenizer, kind: "hf-\(rawValue)"),
                PrebuiltRanksCache.Slot(source: file, sha256: expectedSHA256.tokenizer, kind: "hf-\(rawValue)-other"))
            let prebuilt = slots.0?.ranksWithAttachment.flatMap { table in
                slots.1?.ranks.map {
                    PrebuiltVocabulary(tokenTable: table.ranks, otherTokens: $0, spans: PrebuiltVocabulary.spans(from: table.attachment))
                }
            }
            // With the prebuilt vocabulary most of the file is jumped over: map it rather than read
            // it all (its hash is not taken then).
            let mapped = prebuilt == nil ? nil : MappedRegion(path: file, populate: false)
            let json = mapped == nil ? try FileBytes.read(file) : []
            let config = try FileBytes.read(configFile)
            // Hash on another core while this one builds the tokenizer; nothing is returned (or
            // cached) unless both hashes match. The bundled files' rank-merge equivalence is
            // verified by the tests.
            let hashedJSON = prebuilt == nil ? json : []
            let digests = BackgroundWork(qos: .userInitiated) {
                (hashedJSON.withUnsafeBytes { SHA256.hexDigest($0) }, config.withUnsafeBytes { SHA256.hexDigest($0) })
            }
            var options = HuggingFaceTokenizer.LoadOptions()
            options.trustedRankMerge = true
            var spans = prebuilt?.spans ?? [:]
            func load(_ json: UnsafeBufferPointer<UInt8>) throws -> HuggingFaceTokenizer {
                try HuggingFaceTokenizer(
                    name: rawValue, tokenizerJSON: json, configJSON: config, source: file, options: options,
                    prebuiltVocabulary: prebuilt, spans: &spans)
            }
            let tokenizer = try mapped.map { try load($0.bytes.assumingMemoryBound(to: UInt8.self)) }
                ?? json.withUnsafeBufferPointer { try load($0) }
            let (jsonDigest, configDigest) = try digests.wait()
            var checks = [(configDigest, configFile, expectedSHA256.config)]
            if prebuilt == nil { checks.append((jsonDigest, file, expectedSHA256.tokenizer)) }
            for (digest, path, expected) in checks {
                guard digest == expected else { throw TokenizerError.checksumMismatch(file: path, expected: expected, actual: digest) }
            }
            let model = tokenizer.model
            if prebuilt == nil, model.byteLevel, model.usesRankMerge,
               let other = try? MergeableRanks(model.otherTokens.map { (bytes: $0.key, rank: $0.value) }) {
                slots.0?.store(model.tokenTable, attachment: PrebuiltVocabulary.words(of: spans))
                slots.1?.store(other)
            }
            return tokenizer
        }
    }

    /// The folder of the bundled tokenizer folders.
    /// - Throws: `TokenizerError.vocabularyFolderNotFound` listing where it looked.
    public static func bundledFolder() throws -> URL {
        try ResourceFolder.locate(bundle: HuggingFaceVocabularyBundle.bundleName, subfolder: HuggingFaceVocabularyBundle.folderName)
    }

    private static let cache = LoadedValueCache<HuggingFaceTokenizer>()
}

extension HuggingFaceTokenizer {
    /// A bundled tokenizer by name ("qwen3", "deepseek_v3").
    /// - Parameter vocabularyFolder: a folder holding the tokenizer folders instead of the bundled one.
    /// - Throws: `TokenizerError.unknownEncoding` listing the names, or a loading error.
    public static func bundled(_ name: String, vocabularyFolder: URL? = nil) throws -> HuggingFaceTokenizer {
        guard let tokenizer = BundledHuggingFaceTokenizer(rawValue: name) else {
            throw TokenizerError.unknownEncoding(name: name, available: BundledHuggingFaceTokenizer.allCases.map(\.rawValue))
        }
        return try tokenizer.load(from: vocabularyFolder)
    }
}
