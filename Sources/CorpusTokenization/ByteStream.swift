import Foundation

/// A source of bytes read in blocks: a file, or a decompressor over one.
protocol ByteStream {
    /// Fills `buffer` from the start and returns how many bytes it holds; 0 at the end.
    /// - Throws: `CorpusError` for a read error or corrupt input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// The bytes of a file, from an offset.
final class FileByteStream: ByteStream {
    private let file: UnsafeMutablePointer<FILE>
    private let closesFile: Bool
    let path: String

    /// Opens `path` (standard input for nil) at byte `offset`.
    init(path: String?, offset: Int = 0) throws {
        guard let path else {
            guard let input = fdopen(STDIN_FILENO, "rb") else { throw CorpusError.file(path: "standard input", reason: "cannot read") }
            file = input
            closesFile = false
            self.path = "standard input"
            return
        }
        closesFile = true
        guard let opened = fopen(path, "rb") else { throw CorpusError.file(path: path, reason: String(cString: strerror(errno))) }
        file = opened
        self.path = path
        if offset > 0, fseeko(file, off_t(offset), SEEK_SET) != 0 {
            throw CorpusError.file(path: path, reason: "cannot seek to byte \(offset)")
        }
    }

    deinit {
        if closesFile { fclose(file) }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let count = fread(base, 1, buffer.count, file)
        if count == 0 && ferror(file) != 0 { throw CorpusError.file(path: path, reason: "read error") }
        return count
    }
}
