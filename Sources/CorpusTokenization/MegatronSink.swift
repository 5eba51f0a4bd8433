/// Megatron-LM's indexed dataset (`MMapIndexedDataset`): `PREFIX.bin` holds the ids of every
/// document one after another; `PREFIX.idx` holds the header `MMIDIDX\0\0`, version 1 (u64), the
/// dtype code (u8), the sequence count (u64), the document-index count (u64), then each sequence's
/// length (i32), each sequence's byte offset in the `.bin` (i64), and the document index (i64:
/// 0, then where each document ends), one sequence per document.
struct MegatronSink: TokenSink {
    private var data: IDArrayFile
    let indexPath: String
    private var lengths: [Int32] = []
    private var offsets: [Int64] = []
    private var byteOffset: Int64 = 0

    init(prefix: String, dtype: TokenDType) throws {
        data = IDArrayFile(file: try OutputFile(path: prefix + ".bin"), dtype: dtype)
        indexPath = prefix + ".idx"
    }

    mutating func write(_ document: EncodedDocument) throws {
        guard document.ids.count <= Int(Int32.max) else {
            throw CorpusError.invalidOptions("a document of \(document.ids.count) ids does not fit Megatron-LM's 32-bit sequence length")
        }
        lengths.append(Int32(document.ids.count))
        offsets.append(byteOffset)
        byteOffset += Int64(try data.append(document.ids))
    }

    mutating func finish() throws -> [WrittenFile] {
        let written = try data.file.finish()
        let index = try OutputFile(path: indexPath)
        var header: [UInt8] = Array("MMIDIDX".utf8) + [0, 0]
        func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { header.append(contentsOf: $0) }
        }
        append(UInt64(1))
        header.append(data.dtype.megatronCode)
        append(UInt64(lengths.count))
        append(UInt64(lengths.count + 1))
        try index.write(header)
        var table: [UInt8] = []
        table.reserveCapacity(lengths.count * 20 + 8)
        for length in lengths { withUnsafeBytes(of: length.littleEndian) { table.append(contentsOf: $0) } }
        for offset in offsets { withUnsafeBytes(of: offset.littleEndian) { table.append(contentsOf: $0) } }
        for document in 0...lengths.count { withUnsafeBytes(of: Int64(document).littleEndian) { table.append(contentsOf: $0) } }
        try index.write(table)
        return [written, try index.finish()]
    }
}
