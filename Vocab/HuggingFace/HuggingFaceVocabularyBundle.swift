/// The resource bundle that holds the `tokenizer.json` folders shipped with the package (qwen3,
/// deepseek_v3), looked up at run time by name.
public enum HuggingFaceVocabularyBundle {
    /// SwiftPM's name for the bundle (`<package>_<target>`).
    public static let bundleName = "tokenizer-suite_HuggingFaceVocabulary"
    /// The folder inside the bundle that holds one folder per tokenizer.
    public static let folderName = "huggingface"
}
