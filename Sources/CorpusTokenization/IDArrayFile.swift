import BytePairEncoding

/// An output file of ids as a little-endian array of `dtype`: what the binary sinks share.
struct IDArrayFile {
    let file: OutputFile
    let dtype: TokenDType
    /// The ids written so far.
    private(set) var count = 0
    private var bytes: [UInt8] = []

    init(file: OutputFile, dtype: TokenDType) {
        self.file = file
        self.dtype = dtype
    }

    /// Appends `ids`; returns the bytes they took.
    @discardableResult
    mutating func append(_ ids: [TokenID]) throws -> Int {
        bytes.removeAll(keepingCapacity: true)
        for id in ids { dtype.append(id, to: &bytes) }
        count += ids.count
        try file.write(bytes)
        return bytes.count
    }
}
