import CTokenizerSuiteZstd

/// A Zstandard stream (one or more frames) decompressed with the system libzstd.
final class ZstdByteStream: ByteStream {
    private var source: any ByteStream
    private let path: String
    private let context: OpaquePointer
    private var input = [UInt8](repeating: 0, count: 1 << 17)
    private var inputStart = 0
    private var inputEnd = 0
    private var inputEnded = false
    private var frameOpen = false

    init(_ source: any ByteStream, path: String) throws {
        self.source = source
        self.path = path
        guard let context = ZSTD_createDStream() else {
            throw CorpusError.corruptInput(path: path, format: "zstd", reason: "libzstd could not start")
        }
        self.context = context
    }

    deinit {
        ZSTD_freeDStream(context)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var output = ZSTD_outBuffer(dst: base, size: buffer.count, pos: 0)
        while output.pos < output.size {
            if inputStart == inputEnd {
                if inputEnded { break }
                inputEnd = try input.withUnsafeMutableBytes { try source.read(into: $0) }
                inputStart = 0
                if inputEnd == 0 {
                    inputEnded = true
                    if frameOpen { throw CorpusError.corruptInput(path: path, format: "zstd", reason: "the stream ends inside a frame") }
                    break
                }
            }
            let (available, consumed) = (inputEnd, inputStart)
            let result = input.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int in
                var inBuffer = ZSTD_inBuffer(src: bytes.baseAddress, size: available, pos: consumed)
                let code = ZSTD_decompressStream(context, &output, &inBuffer)
                inputStart = inBuffer.pos
                return code
            }
            if ZSTD_isError(result) != 0 {
                throw CorpusError.corruptInput(path: path, format: "zstd", reason: String(cString: ZSTD_getErrorName(result)))
            }
            frameOpen = result != 0
        }
        return output.pos
    }
}
