import Foundation

/// Where the package's committed fixtures are, found from this file's location so tests run from
/// any working directory.
public enum FixturePaths {
    /// The package's root folder.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Fixtures/`.
    public static let root = packageRoot.appendingPathComponent("Fixtures", isDirectory: true)

    /// A folder or file under `Fixtures/`.
    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }
}
