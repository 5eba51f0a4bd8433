import Foundation
import TokenizerCore

/// A file an output writes, with what the manifest records of it.
public struct WrittenFile: Sendable, Hashable {
    public let path: String
    public let bytes: Int
    public let sha256: String
}

/// A file written in order, buffered, with a running SHA-256; it can patch bytes it already wrote
/// (a header whose counts are known only at the end), which the hash then accounts for.
final class OutputFile {
    let path: String
    private let file: UnsafeMutablePointer<FILE>
    private let closesFile: Bool
    private var buffer: [UInt8] = []
    private var hasher = SHA256.Hasher()
    private(set) var bytesWritten = 0
    private let hashesWhileWriting: Bool

    /// Creates (or truncates) `path`; nil writes standard output. `hashesWhileWriting` false when
    /// the file will be patched (the hash is then computed by reading it back at the end).
    init(path: String?, hashesWhileWriting: Bool = true) throws {
        self.hashesWhileWriting = hashesWhileWriting
        guard let path else {
            guard let output = fdopen(STDOUT_FILENO, "wb") else { throw CorpusError.file(path: "standard output", reason: "cannot write") }
            self.path = "standard output"
            file = output
            closesFile = false
            return
        }
        closesFile = true
        guard let opened = fopen(path, "wb") else { throw CorpusError.file(path: path, reason: String(cString: strerror(errno))) }
        self.path = path
        file = opened
    }

    deinit {
        if closesFile { fclose(file) } else { fflush(file) }
    }

    /// Appends `bytes` (written out in blocks).
    func write(_ bytes: some Sequence<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes what is buffered.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        if hashesWhileWriting { buffer.withUnsafeBytes { hasher.update($0) } }
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == buffer.count else { throw CorpusError.file(path: path, reason: "write failed: \(String(cString: strerror(errno)))") }
        bytesWritten += written
        buffer.removeAll(keepingCapacity: true)
        fflush(file)
    }

    /// Overwrites bytes at `offset` of the file (flushing first).
    func patch(_ bytes: [UInt8], at offset: Int) throws {
        try flush()
        guard fseeko(file, off_t(offset), SEEK_SET) == 0,
              bytes.withUnsafeBytes({ fwrite($0.baseAddress, 1, $0.count, file) }) == bytes.count,
              fseeko(file, 0, SEEK_END) == 0
        else { throw CorpusError.file(path: path, reason: "cannot rewrite bytes at \(offset)") }
        fflush(file)
    }

    /// Flushes and describes the file.
    func finish() throws -> WrittenFile {
        try flush()
        var digest = hasher.hexDigest()
        if !hashesWhileWriting {
            var reading = SHA256.Hasher()
            guard let input = fopen(path, "rb") else { throw CorpusError.file(path: path, reason: "cannot read back") }
            defer { fclose(input) }
            var block = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let count = block.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, input) }
                if count == 0 { break }
                block.withUnsafeBytes { reading.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            }
            digest = reading.hexDigest()
        }
        return WrittenFile(path: path, bytes: bytesWritten, sha256: digest)
    }
}
