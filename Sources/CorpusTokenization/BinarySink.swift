import OrderedJSON

/// The ids as one raw little-endian array, and a JSON sidecar describing it.
struct BinarySink: TokenSink {
    private var ids: IDArrayFile
    let tokenizerName: String

    init(path: String, dtype: TokenDType, tokenizerName: String) throws {
        ids = IDArrayFile(file: try OutputFile(path: path), dtype: dtype)
        self.tokenizerName = tokenizerName
    }

    mutating func write(_ document: EncodedDocument) throws {
        try ids.append(document.ids)
    }

    mutating func finish() throws -> [WrittenFile] {
        let data = try ids.file.finish()
        let sidecar = JSONValue.object(JSONObject([
            ("dtype", .string(ids.dtype.rawValue)), ("count", .number(.unsigned(UInt64(ids.count)))),
            ("tokenizer", .string(tokenizerName)), ("sha256", .string(data.sha256)),
        ]))
        let description = try OutputFile(path: data.path + ".json")
        try description.write((sidecar.serialized + "\n").utf8)
        return [data, try description.finish()]
    }
}
