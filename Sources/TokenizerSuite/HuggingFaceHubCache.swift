import Foundation
import TokenizerCore

/// The local Hugging Face hub cache, read as `huggingface_hub` lays it out, without downloading:
/// `HUB/models--ORG--NAME/refs/REVISION` holds a commit, `HUB/models--ORG--NAME/snapshots/COMMIT/`
/// the files.
public struct HuggingFaceHubCache: Sendable {
    /// The hub folder: `$HF_HUB_CACHE`, else `$HF_HOME/hub`, else `$XDG_CACHE_HOME/huggingface/hub`,
    /// else `~/.cache/huggingface/hub`.
    public let folder: String

    /// The cache `huggingface_hub` would use with `environment`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let hub = environment["HF_HUB_CACHE"], !hub.isEmpty {
            folder = hub
        } else if let home = environment["HF_HOME"], !home.isEmpty {
            folder = home + "/hub"
        } else if let cache = environment["XDG_CACHE_HOME"], !cache.isEmpty {
            folder = cache + "/huggingface/hub"
        } else {
            folder = (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/huggingface/hub"
        }
    }

    /// The cache at `folder`.
    public init(folder: String) {
        self.folder = folder
    }

    /// Whether `text` reads as a hub repository id (`Qwen/Qwen3-0.6B`) rather than a path.
    public static func isRepositoryID(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !text.hasPrefix("."), !text.hasPrefix("~") else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part != "." && part != ".." && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        }
    }

    /// The snapshot folder of `repository` at `revision` (a branch or tag under `refs/`, or a
    /// commit) that holds `file`: the revision's snapshot first; for `main` with no ref recorded,
    /// the one snapshot holding the file.
    /// - Throws: `TokenizerError.unreadableFile` listing every place looked at.
    public func snapshot(of repository: String, revision: String = "main", holding file: String = "tokenizer.json") throws -> String {
        let model = folder + "/models--" + repository.replacingOccurrences(of: "/", with: "--")
        var looked: [String] = []
        func holds(_ snapshot: String) -> Bool {
            looked.append(snapshot + "/" + file)
            return FileBytes.exists(snapshot + "/" + file)
        }
        let ref = model + "/refs/" + revision
        if let bytes = try? FileBytes.read(ref) {
            let commit = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let snapshot = model + "/snapshots/" + commit
            if !commit.isEmpty && !commit.contains("/") && holds(snapshot) { return snapshot }
        } else {
            looked.append(ref)
        }
        let isCommit = revision.count == 40 && revision.allSatisfy(\.isHexDigit)
        if isCommit, holds(model + "/snapshots/" + revision) {
            return model + "/snapshots/" + revision
        }
        if revision == "main" {
            let snapshots = ((try? FileManager.default.contentsOfDirectory(atPath: model + "/snapshots")) ?? []).sorted()
            let holding = snapshots.map { model + "/snapshots/" + $0 }.filter(holds)
            if holding.count == 1 { return holding[0] }
            if holding.count > 1 {
                throw TokenizerError.unreadableFile(
                    path: model, reason: "refs/main is missing and \(holding.count) snapshots hold \(file); name a revision")
            }
        }
        throw TokenizerError.unreadableFile(
            path: repository, reason: "not in the local Hugging Face cache (nothing is downloaded); looked for \(looked.joined(separator: ", "))")
    }
}
