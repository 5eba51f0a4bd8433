import BytePairEncoding

/// Where a tokenizer is read from.
public enum TokenizerSource: Sendable, Hashable {
    /// A tokenizer shipped with the package, by name (`TokenizerRegistry.bundledNames`).
    case bundled(String)
    /// A Hugging Face `tokenizer.json`, or a model folder holding one (and `tokenizer_config.json`).
    case tokenizerJSON(path: String)
    /// A `.tiktoken` file with a pre-tokenization pattern (`o200k`, `cl100k`, or a regex in
    /// tiktoken's dialect) and special tokens.
    case tiktoken(path: String, pattern: String, specialTokens: [String: TokenID] = [:])
    /// A model in the local Hugging Face hub cache (`Qwen/Qwen3-0.6B`), at a branch, tag or commit;
    /// read from its snapshot folder, never downloaded.
    case huggingFaceHub(repository: String, revision: String = "main")

    /// The name a loaded tokenizer of this source gets.
    var defaultName: String {
        switch self {
        case let .bundled(name): return name
        case let .huggingFaceHub(repository, _): return repository
        case let .tokenizerJSON(path), let .tiktoken(path, _, _):
            let last = path.split(separator: "/").last.map(String.init) ?? path
            return last.hasSuffix(".tiktoken") ? String(last.dropLast(".tiktoken".count)) : last
        }
    }
}
