import Foundation

/// Finds the folder of vocabulary files shipped with the package, without the `fatalError` of the
/// generated `Bundle.module` accessor when the resources were not installed next to the binary.
public enum BundledVocabularyFolder {
    /// The environment variable that points at a vocabulary folder (same layout as `Vocab/encodings`).
    public static let environmentVariable = "TOK_VOCAB_DIR"

    /// Folders searched, in order: `$TOK_VOCAB_DIR` alone when it is set, else the package's
    /// resource bundle beside the running executable (as SwiftPM installs it).
    public static var candidates: [URL] {
        if let override = ProcessInfo.processInfo.environment[environmentVariable], !override.isEmpty {
            return [URL(fileURLWithPath: override, isDirectory: true)]
        }
        var result: [URL] = []
        let bundleNames = ["tokenizer-suite_TokenizerSuiteVocab.resources", "tokenizer-suite_TokenizerSuiteVocab.bundle"]
        var roots = [Bundle.main.bundleURL]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            roots.append(executable)
        }
        for root in roots {
            for name in bundleNames {
                let bundle = root.appendingPathComponent(name, isDirectory: true)
                result.append(bundle.appendingPathComponent("encodings", isDirectory: true))
                result.append(bundle.appendingPathComponent("Contents/Resources/encodings", isDirectory: true))
            }
        }
        return result
    }

    /// The first candidate folder that exists, or nil.
    public static func locate() -> URL? {
        candidates.first { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }
}
