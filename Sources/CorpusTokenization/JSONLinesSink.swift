import OrderedJSON
import TokenizerCore

/// `{"field": …, "ids": [...]}` lines.
struct JSONLinesSink: TokenSink {
    let file: OutputFile
    private var line: [UInt8] = []

    init(file: OutputFile) {
        self.file = file
    }

    mutating func write(_ document: EncodedDocument) throws {
        line.removeAll(keepingCapacity: true)
        line.append(UInt8(ascii: "{"))
        if !document.keptFields.isEmpty {
            var fields = ""
            for (name, value) in document.keptFields {
                JSONValue.writeString(name, to: &fields)
                fields += ":"
                value.write(to: &fields)
                fields += ","
            }
            line.append(contentsOf: fields.utf8)
        }
        line.append(contentsOf: #""ids":["#.utf8)
        DecimalIDs.append(document.ids, separator: UInt8(ascii: ","), to: &line)
        line.append(contentsOf: "]}\n".utf8)
        try file.write(line)
    }

    mutating func finish() throws -> [WrittenFile] {
        [try file.finish()]
    }
}
