import CTokenizerSuiteZlib

/// A gzip (or zlib) stream decompressed with the system zlib; concatenated members are read one
/// after another, as `gzip -d` does.
final class GzipByteStream: ByteStream {
    private var source: any ByteStream
    private let path: String
    private let stream: UnsafeMutablePointer<z_stream>
    private var input = [UInt8](repeating: 0, count: 1 << 16)
    private var inputEnded = false
    private var finished = false

    init(_ source: any ByteStream, path: String) throws {
        self.source = source
        self.path = path
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 + 32: a window of 2^15 bytes, gzip or zlib header detected automatically.
        guard inflateInit2_(stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            throw CorpusError.corruptInput(path: path, format: "gzip", reason: "zlib could not start")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Reads the next block of compressed input.
    private func refill() throws {
        let count = try input.withUnsafeMutableBytes { try source.read(into: $0) }
        if count == 0 { inputEnded = true }
        input.withUnsafeMutableBufferPointer { stream.pointee.next_in = $0.baseAddress }
        stream.pointee.avail_in = uInt(count)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, !finished else { return 0 }
        stream.pointee.next_out = base.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(buffer.count)
        while stream.pointee.avail_out > 0 {
            if stream.pointee.avail_in == 0 && !inputEnded { try refill() }
            let status = inflate(stream, Z_NO_FLUSH)
            if status == Z_STREAM_END {
                // Another gzip member may follow.
                if stream.pointee.avail_in == 0 && !inputEnded { try refill() }
                if stream.pointee.avail_in == 0 { finished = true; break }
                inflateReset(stream)
                continue
            }
            if status == Z_BUF_ERROR && stream.pointee.avail_in == 0 && inputEnded {
                throw CorpusError.corruptInput(path: path, format: "gzip", reason: "the stream ends before its end marker")
            }
            guard status == Z_OK || status == Z_BUF_ERROR else {
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                throw CorpusError.corruptInput(path: path, format: "gzip", reason: message)
            }
        }
        return buffer.count - Int(stream.pointee.avail_out)
    }
}
