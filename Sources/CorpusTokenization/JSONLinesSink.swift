import OrderedJSON

/// `{"field": …, "ids": [...]}` lines.
struct JSONLinesSink: TokenSink {
    let file: OutputFile

    mutating func write(_ document: EncodedDocument) throws {
        var line = "{"
        for (name, value) in document.keptFields {
            JSONValue.writeString(name, to: &line)
            line += ":"
            value.write(to: &line)
            line += ","
        }
        line += "\"ids\":["
        line += document.ids.map(String.init).joined(separator: ",")
        line += "]}\n"
        try file.write(line.utf8)
    }

    mutating func finish() throws -> [WrittenFile] {
        [try file.finish()]
    }
}
