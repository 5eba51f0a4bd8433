import Foundation

/// Finds the folders of files the package ships (vocabularies) at run time, without the
/// `fatalError` of SwiftPM's generated `Bundle.module` accessor when the resources were not
/// installed beside the binary.
package enum ResourceFolder {
    /// The places searched for `subfolder` of resource bundle `bundle` (SwiftPM's
    /// `<package>_<target>` name), in order: beside the main bundle and beside the running
    /// executable (symbolic links resolved), as a Linux `.resources` folder or an Apple `.bundle`.
    package static func candidates(bundle: String, subfolder: String) -> [URL] {
        var roots = [Bundle.main.bundleURL]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            roots.append(executable)
        }
        var result: [URL] = []
        for root in roots {
            for suffix in [".resources", ".bundle"] {
                let bundleURL = root.appendingPathComponent(bundle + suffix, isDirectory: true)
                result.append(bundleURL.appendingPathComponent(subfolder, isDirectory: true))
                result.append(bundleURL.appendingPathComponent("Contents/Resources/" + subfolder, isDirectory: true))
            }
        }
        return result
    }

    /// The first candidate folder that exists.
    /// - Throws: `TokenizerError.vocabularyFolderNotFound` listing where it looked.
    package static func locate(bundle: String, subfolder: String) throws -> URL {
        let candidates = candidates(bundle: bundle, subfolder: subfolder)
        guard let found = candidates.first(where: { FileBytes.isFolder($0.path) }) else {
            throw TokenizerError.vocabularyFolderNotFound(searched: candidates.map(\.path))
        }
        return found
    }
}
