import Foundation

/// The lines of a JSON Lines input (plain, `.gz` or `.zst`), or of one shard of it, in batches.
final class JSONLinesInput {
    /// One input line: its bytes (without the line end), its number within the input read, and the
    /// byte offset where it starts in the (decompressed) file.
    struct Line: Sendable {
        let bytes: [UInt8]
        let number: Int
        let byteOffset: Int
    }

    /// How the file is compressed, from its name.
    enum Compression: String {
        case none, gzip, zstd

        init(path: String?) {
            guard let path else { self = .none; return }
            if path.hasSuffix(".gz") { self = .gzip } else if path.hasSuffix(".zst") || path.hasSuffix(".zstd") { self = .zstd } else { self = .none }
        }
    }

    /// The name of the input in messages.
    let source: String
    /// The byte range read (of the decompressed file); its upper bound is nil when unknown.
    let start: Int
    let end: Int?
    private var stream: any ByteStream
    private var block = [UInt8](repeating: 0, count: 1 << 20)
    /// Bytes read and not yet returned: `pending[pendingStart...]`.
    private var pending: [UInt8] = []
    private var pendingStart = 0
    private var position: Int
    private var lineNumber = 0
    private var atEnd = false

    /// Opens `path` (standard input for nil) for `shard`.
    /// - Throws: `CorpusError` naming the file, or `.invalidOptions` when a compressed input or
    ///   standard input is to be sharded (its byte ranges cannot be found without reading it all).
    init(path: String?, shard: InputShard) throws {
        source = path ?? "standard input"
        let compression = Compression(path: path)
        if shard.count > 1 {
            guard let path, compression == .none else {
                throw CorpusError.invalidOptions("sharding needs an uncompressed input file: the byte ranges of \(source) cannot be found without reading it whole")
            }
            let size = try Self.fileSize(path)
            let range = try shard.byteRange(size: size) { try Self.newline(in: path, atOrAfter: $0) }
            start = range.lowerBound
            end = range.upperBound
            stream = try FileByteStream(path: path, offset: range.lowerBound)
        } else {
            start = 0
            end = nil
            let file = try FileByteStream(path: path)
            switch compression {
            case .none: stream = file
            case .gzip: stream = try GzipByteStream(file, path: source)
            case .zstd: stream = try ZstdByteStream(file, path: source)
            }
        }
        position = start
    }

    /// The bytes read so far (of the decompressed input).
    var bytesRead: Int { position - start }

    /// The next lines, about `targetBytes` of them (at least one line unless the input ended).
    func nextBatch(targetBytes: Int = 1 << 22) throws -> [Line] {
        var lines: [Line] = []
        var size = 0
        while size < targetBytes, let line = try nextLine() {
            size += line.bytes.count + 1
            lines.append(line)
        }
        return lines
    }

    private func nextLine() throws -> Line? {
        var searchFrom = pendingStart
        while true {
            if let newline = pending[searchFrom...].firstIndex(of: 0x0A) {
                return takeLine(upTo: newline, consumed: newline + 1)
            }
            if atEnd {
                guard pendingStart < pending.count else { return nil }
                return takeLine(upTo: pending.count, consumed: pending.count)
            }
            searchFrom = pending.count
            var limit = block.count
            if let end { limit = min(limit, end - (position + pending.count - pendingStart)) }
            let count = limit <= 0 ? 0 : try block.withUnsafeMutableBytes { try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<limit])) }
            if count == 0 {
                atEnd = true
            } else {
                // Drop what was returned before appending, so the buffer holds at most a line and a block.
                pending.removeFirst(pendingStart)
                searchFrom -= pendingStart
                pendingStart = 0
                pending.append(contentsOf: block[0..<count])
            }
        }
    }

    private func takeLine(upTo lineEnd: Int, consumed: Int) -> Line {
        lineNumber += 1
        let line = Line(bytes: Array(pending[pendingStart..<lineEnd]), number: lineNumber, byteOffset: position)
        position += consumed - pendingStart
        pendingStart = consumed
        return line
    }

    static func fileSize(_ path: String) throws -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw CorpusError.file(path: path, reason: String(cString: strerror(errno))) }
        return Int(info.st_size)
    }

    /// The offset of the first newline at or after `offset` in the file, or nil.
    static func newline(in path: String, atOrAfter offset: Int) throws -> Int? {
        let file = try FileByteStream(path: path, offset: offset)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var base = offset
        while true {
            let count = try buffer.withUnsafeMutableBytes { try file.read(into: $0) }
            guard count > 0 else { return nil }
            if let index = buffer[0..<count].firstIndex(of: 0x0A) { return base + index }
            base += count
        }
    }
}
