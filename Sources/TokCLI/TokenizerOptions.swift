import ArgumentParser
import Foundation
import TokenizerSuite

/// Options that choose the tokenizer: a bundled name, a `tokenizer.json`, or a `.tiktoken` file.
struct TokenizerOptions: ParsableArguments {
    @Option(name: .long, help: "A bundled tokenizer: o200k_harmony, o200k_base, cl100k_base, qwen3 or deepseek_v3.")
    var encoding: String = "o200k_harmony"

    @Option(name: .long, help: ArgumentHelp(
        "A Hugging Face tokenizer.json, a folder holding it (and tokenizer_config.json), or a hub model id (Qwen/Qwen3-0.6B) in the local Hugging Face cache; overrides --encoding.",
        discussion: "A model id is read from $HF_HUB_CACHE (else $HF_HOME/hub, else ~/.cache/huggingface/hub): models--ORG--NAME/snapshots/<refs/main>/. Nothing is downloaded."))
    var tokenizer: String?

    @Option(name: .long, help: "A .tiktoken file (with --pattern); overrides --encoding.")
    var tiktoken: String?

    @Option(name: .long, help: "With --tiktoken: the pre-tokenization pattern, o200k, cl100k or a regex in tiktoken's dialect.")
    var pattern: String?

    @Option(name: .long, help: "A folder holding the vocabulary files (default: the bundled ones, or $\(Self.vocabularyEnvironmentVariable)).")
    var vocabDir: String?

    /// The environment variable that replaces the bundled vocabulary folder.
    static let vocabularyEnvironmentVariable = "TOK_VOCAB_DIR"

    func validate() throws {
        if tokenizer != nil && tiktoken != nil { throw ValidationError("pass either --tokenizer or --tiktoken, not both") }
        if tiktoken != nil && pattern == nil { throw ValidationError("--tiktoken needs --pattern (o200k, cl100k or a regex)") }
        if pattern != nil && tiktoken == nil { throw ValidationError("--pattern applies only with --tiktoken") }
    }

    /// The source the options name.
    var source: TokenizerSource {
        if let tokenizer {
            if !FileManager.default.fileExists(atPath: tokenizer) && HuggingFaceHubCache.isRepositoryID(tokenizer) {
                return .huggingFaceHub(repository: tokenizer)
            }
            return .tokenizerJSON(path: tokenizer)
        }
        if let tiktoken { return .tiktoken(path: tiktoken, pattern: pattern ?? "o200k") }
        return .bundled(encoding)
    }

    /// The SHA-256 of the vocabulary file behind `tokenizer` (for manifests).
    func vocabularyDigest(of tokenizer: any Tokenizer) throws -> String? {
        try TokenizerRegistry.vocabularyDigest(of: source, vocabularyFolder: vocabularyFolder(vocabDir: vocabDir))
    }

    /// The tokenizer the options name.
    func load() throws -> any Tokenizer {
        try withVocabularyAdvice { try TokenizerRegistry.load(source, vocabularyFolder: vocabularyFolder(vocabDir: vocabDir)) }
    }
}

/// The vocabulary folder: `vocabDir` (a `--vocab-dir` value), else `$TOK_VOCAB_DIR`, else nil (the
/// bundled one).
func vocabularyFolder(vocabDir: String?) -> URL? {
    let variable = ProcessInfo.processInfo.environment[TokenizerOptions.vocabularyEnvironmentVariable]
    let path = vocabDir ?? variable.flatMap { $0.isEmpty ? nil : $0 }
    return path.map { URL(fileURLWithPath: $0, isDirectory: true) }
}

/// The bundled tokenizer `name`, from `vocabDir` when given.
func loadBundled(_ name: String, vocabDir: String?) throws -> any Tokenizer {
    try withVocabularyAdvice { try TokenizerRegistry.load(.bundled(name), vocabularyFolder: vocabularyFolder(vocabDir: vocabDir)) }
}

/// Runs `body`, adding the CLI's advice to a missing-vocabulary error.
func withVocabularyAdvice<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let TokenizerError.vocabularyFolderNotFound(searched) {
        throw InputError(
            "the bundled vocabulary folder was not found (searched: \(searched.joined(separator: ", "))); "
                + "pass --vocab-dir or set \(TokenizerOptions.vocabularyEnvironmentVariable) to a folder holding the vocabulary files")
    }
}
