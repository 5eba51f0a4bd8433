/// Which tiktoken encoding an OpenAI model uses: tiktoken 0.14.0's `encoding_name_for_model`
/// (its exact names first, then its name prefixes, in its order).
public enum ModelEncodings {
    /// Model names and their encodings.
    public static let byName: [String: String] = [
        "o1": "o200k_base", "o3": "o200k_base", "o4-mini": "o200k_base",
        "gpt-5": "o200k_base", "gpt-4.1": "o200k_base", "gpt-4o": "o200k_base", "gpt-4": "cl100k_base",
        "gpt-3.5-turbo": "cl100k_base", "gpt-3.5": "cl100k_base", "gpt-35-turbo": "cl100k_base",
        "davinci-002": "cl100k_base", "babbage-002": "cl100k_base",
        "text-embedding-ada-002": "cl100k_base", "text-embedding-3-small": "cl100k_base", "text-embedding-3-large": "cl100k_base",
        "text-davinci-003": "p50k_base", "text-davinci-002": "p50k_base", "text-davinci-001": "r50k_base",
        "text-curie-001": "r50k_base", "text-babbage-001": "r50k_base", "text-ada-001": "r50k_base",
        "davinci": "r50k_base", "curie": "r50k_base", "babbage": "r50k_base", "ada": "r50k_base",
        "code-davinci-002": "p50k_base", "code-davinci-001": "p50k_base", "code-cushman-002": "p50k_base",
        "code-cushman-001": "p50k_base", "davinci-codex": "p50k_base", "cushman-codex": "p50k_base",
        "text-davinci-edit-001": "p50k_edit", "code-davinci-edit-001": "p50k_edit",
        "text-similarity-davinci-001": "r50k_base", "text-similarity-curie-001": "r50k_base",
        "text-similarity-babbage-001": "r50k_base", "text-similarity-ada-001": "r50k_base",
        "text-search-davinci-doc-001": "r50k_base", "text-search-curie-doc-001": "r50k_base",
        "text-search-babbage-doc-001": "r50k_base", "text-search-ada-doc-001": "r50k_base",
        "code-search-babbage-code-001": "r50k_base", "code-search-ada-code-001": "r50k_base",
        "gpt2": "gpt2", "gpt-2": "gpt2",
    ]

    /// Name prefixes and their encodings, tried in this order when no name matches.
    public static let byPrefix: [(prefix: String, encoding: String)] = [
        ("o1-", "o200k_base"), ("o3-", "o200k_base"), ("o4-mini-", "o200k_base"),
        ("gpt-5", "o200k_base"), ("gpt-4.5-", "o200k_base"), ("gpt-4.1-", "o200k_base"), ("chatgpt-4o-", "o200k_base"),
        ("gpt-4o-", "o200k_base"), ("gpt-4-", "cl100k_base"), ("gpt-3.5-turbo-", "cl100k_base"), ("gpt-35-turbo-", "cl100k_base"),
        ("gpt-oss-", "o200k_harmony"),
        ("ft:gpt-4o", "o200k_base"), ("ft:gpt-4", "cl100k_base"), ("ft:gpt-3.5-turbo", "cl100k_base"),
        ("ft:davinci-002", "cl100k_base"), ("ft:babbage-002", "cl100k_base"),
    ]

    /// The encoding name for `model` (`gpt-4o` → `o200k_base`, `gpt-oss-120b` → `o200k_harmony`),
    /// or nil when tiktoken does not know the model. The name may be one this package does not
    /// bundle (`p50k_base`, `gpt2`).
    public static func encodingName(forModel model: String) -> String? {
        if let name = byName[model] { return name }
        return byPrefix.first { model.hasPrefix($0.prefix) }?.encoding
    }
}
