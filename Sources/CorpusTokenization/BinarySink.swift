import OrderedJSON

/// The ids as one raw little-endian array, and a JSON sidecar describing it.
struct BinarySink: TokenSink {
    let file: OutputFile
    let dtype: TokenDType
    let tokenizerName: String
    private var count = 0
    private var bytes: [UInt8] = []

    init(path: String, dtype: TokenDType, tokenizerName: String) throws {
        file = try OutputFile(path: path)
        self.dtype = dtype
        self.tokenizerName = tokenizerName
    }

    mutating func write(_ document: EncodedDocument) throws {
        bytes.removeAll(keepingCapacity: true)
        for id in document.ids { dtype.append(id, to: &bytes) }
        count += document.ids.count
        try file.write(bytes)
    }

    mutating func finish() throws -> [WrittenFile] {
        let data = try file.finish()
        let sidecar = JSONValue.object(JSONObject([
            ("dtype", .string(dtype.rawValue)), ("count", .number(.unsigned(UInt64(count)))),
            ("tokenizer", .string(tokenizerName)), ("sha256", .string(data.sha256)),
        ]))
        let description = try OutputFile(path: data.path + ".json")
        try description.write((sidecar.serialized + "\n").utf8)
        return [data, try description.finish()]
    }
}
