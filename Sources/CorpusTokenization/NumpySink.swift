/// One flat `.npy` array (format 1.0). The header is written first with room for any count and
/// rewritten with the real count at the end.
struct NumpySink: TokenSink {
    static let headerLength = 128
    private var ids: IDArrayFile

    init(path: String, dtype: TokenDType) throws {
        let file = try OutputFile(path: path, hashesWhileWriting: false)
        try file.write(Self.header(dtype: dtype, count: 0))
        ids = IDArrayFile(file: file, dtype: dtype)
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
        try ids.append(document.ids)
    }

    mutating func finish() throws -> [WrittenFile] {
        try ids.file.patch(Self.header(dtype: ids.dtype, count: ids.count), at: 0)
        return [try ids.file.finish()]
    }
}
