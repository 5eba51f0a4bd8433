/// One flat `.npy` array (format 1.0). The header is written first with room for any count and
/// rewritten with the real count at the end.
struct NumpySink: TokenSink {
    static let headerLength = 128
    let file: OutputFile
    let dtype: TokenDType
    private var count = 0
    private var bytes: [UInt8] = []

    init(path: String, dtype: TokenDType) throws {
        file = try OutputFile(path: path, hashesWhileWriting: false)
        self.dtype = dtype
        try file.write(Self.header(dtype: dtype, count: 0))
    }

    /// `\x93NUMPY`, version 1.0, the header length, and the header dictionary padded with spaces to
    /// `headerLength` bytes in all (a multiple of 64, as NumPy writes it), ending in a newline.
    static func header(dtype: TokenDType, count: Int) -> [UInt8] {
        let dictionary = "{'descr': '\(dtype.numpyDescriptor)', 'fortran_order': False, 'shape': (\(count),), }"
        let prefix: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        let textLength = headerLength - prefix.count - 2
        let padded = dictionary + String(repeating: " ", count: textLength - dictionary.utf8.count - 1) + "\n"
        return prefix + [UInt8(textLength & 0xFF), UInt8(textLength >> 8)] + Array(padded.utf8)
    }

    mutating func write(_ document: EncodedDocument) throws {
        bytes.removeAll(keepingCapacity: true)
        for id in document.ids { dtype.append(id, to: &bytes) }
        count += document.ids.count
        try file.write(bytes)
    }

    mutating func finish() throws -> [WrittenFile] {
        try file.patch(Self.header(dtype: dtype, count: count), at: 0)
        return [try file.finish()]
    }
}
