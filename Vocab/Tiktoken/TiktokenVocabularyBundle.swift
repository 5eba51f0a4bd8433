/// The resource bundle that holds the `.tiktoken` files shipped with the package (o200k_base,
/// cl100k_base), looked up at run time by name.
public enum TiktokenVocabularyBundle {
    /// SwiftPM's name for the bundle (`<package>_<target>`).
    public static let bundleName = "tokenizer-suite_TiktokenVocabulary"
    /// The folder inside the bundle that holds the files.
    public static let folderName = "tiktoken"
}
