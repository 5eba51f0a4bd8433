import BytePairEncoding
import Foundation

/// Keeps the prebuilt form of loaded vocabularies (`MergeableRanks.prebuiltForm`) in a cache
/// folder, so that a later process maps it instead of parsing the vocabulary file again.
///
/// The folder is `$TOK_CACHE_DIR`, else `$XDG_CACHE_HOME/tokenizer-suite`, else
/// `~/.cache/tokenizer-suite`; `TOK_CACHE_DIR=off` turns the cache off. A prebuilt file is used only
/// when it records the source's path, size, modification time and inode and the SHA-256 the
/// source was verified against, and when its own checksum and tables check out; anything else
/// (missing, stale, damaged, unwritable folder) falls back to building the ranks from the source.
package enum PrebuiltRanksCache {
    /// The ranks of the vocabulary file at `source`, which must have SHA-256 `sha256`: from the
    /// cache when a valid prebuilt form is there, otherwise from `build` (given the file's bytes,
    /// after their digest was checked), whose result is then stored for next time.
    /// - Throws: `TokenizerError.unreadableFile`, `.checksumMismatch`, or what `build` throws.
    package static func ranks(
        source: String, sha256: String, kind: String, build: ([UInt8]) throws -> MergeableRanks
    ) throws -> MergeableRanks {
        let slot = Slot(source: source, sha256: sha256, kind: kind)
        if let ranks = slot?.ranks { return ranks }
        let data = try FileBytes.read(source)
        let digest = data.withUnsafeBytes { SHA256.hexDigest($0) }
        guard digest == sha256 else { throw TokenizerError.checksumMismatch(file: source, expected: sha256, actual: digest) }
        let ranks = try build(data)
        slot?.store(ranks)
        return ranks
    }

    /// A source file's entry in the cache, named before the source is read (so a change to the
    /// file after that makes the entry stale instead of trusted).
    package struct Slot {
        let identity: [UInt8]
        let file: String

        /// The slot of `source` as it is now, with SHA-256 `sha256`; nil when the cache is off or
        /// the source cannot be examined.
        package init?(source: String, sha256: String, kind: String) {
            guard let identity = PrebuiltRanksCache.identity(kind: kind, source: source, sha256: sha256),
                  let file = PrebuiltRanksCache.cacheFile(for: identity) else { return nil }
            self.identity = identity
            self.file = file
        }

        /// The ranks stored for this source, or nil. A hit means the source, unchanged since (same
        /// path, size, modification time and inode), was verified against the SHA-256 when they
        /// were stored.
        package var ranks: MergeableRanks? { ranksWithAttachment?.ranks }

        /// The stored ranks and the words stored with them (see `store(_:attachment:)`), or nil.
        package var ranksWithAttachment: (ranks: MergeableRanks, attachment: [UInt64])? {
            guard let region = MappedRegion(path: file), let ranks = MergeableRanks(prebuilt: region, identity: identity) else { return nil }
            return (ranks, MergeableRanks.prebuiltAttachment(of: region))
        }

        /// Stores `ranks`, built from this source after the caller verified its SHA-256, with up to
        /// `MergeableRanks.prebuiltAttachmentLimit` words of the caller's; does nothing when the
        /// cache folder cannot be written.
        package func store(_ ranks: MergeableRanks, attachment: [UInt64] = []) {
            PrebuiltRanksCache.store(ranks.prebuiltForm(identity: identity, attachment: attachment), at: file)
        }
    }

    /// The cache folder, or nil when the cache is off or no folder can be named.
    package static var folder: String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["TOK_CACHE_DIR"], !explicit.isEmpty {
            return explicit == "off" ? nil : explicit
        }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/tokenizer-suite" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/tokenizer-suite" }
        return nil
    }

    /// Size, modification time and inode of `path`, or nil when it cannot be examined.
    private static func fileStatus(_ path: String) -> (size: Int64, seconds: Int, nanoseconds: Int, inode: UInt64)? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        #if canImport(Darwin)
        let time = status.st_mtimespec
        #else
        let time = status.st_mtim
        #endif
        return (Int64(status.st_size), Int(time.tv_sec), Int(time.tv_nsec), UInt64(status.st_ino))
    }

    /// What a prebuilt form records of its source, or nil when the source cannot be examined.
    private static func identity(kind: String, source: String, sha256: String) -> [UInt8]? {
        guard let status = fileStatus(source) else { return nil }
        // The path goes in through its hash, so that any path fits the identity's size limit.
        let pathDigest = Array(source.utf8).withUnsafeBytes { SHA256.hexDigest($0) }
        let text = "\(kind) \(sha256) \(pathDigest.prefix(16)) \(status.size) \(status.seconds).\(status.nanoseconds) \(status.inode)"
        return Array(text.utf8.prefix(MergeableRanks.prebuiltIdentityLimit))
    }

    /// The cache file for `identity`: one per kind and source path.
    private static func cacheFile(for identity: [UInt8]) -> String? {
        guard let folder else { return nil }
        let words = String(decoding: identity, as: UTF8.self).split(separator: " ")
        guard words.count >= 3 else { return nil }
        return "\(folder)/\(words[0])-\(words[2]).ranks"
    }

    /// Writes `bytes` to `path` through a temporary file and a rename, so readers never see a
    /// partial file; failures leave the cache without the entry.
    private static func store(_ bytes: [UInt8], at path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = "\(path).\(ProcessInfo.processInfo.processIdentifier).tmp"
        guard let file = fopen(temporary, "wb") else { return }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let closed = fclose(file) == 0
        if written == bytes.count && closed && rename(temporary, path) == 0 { return }
        unlink(temporary)
    }
}
