import OrderedJSON

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
        for (index, id) in document.ids.enumerated() {
            if index > 0 { line.append(UInt8(ascii: ",")) }
            Self.appendDecimal(id, to: &line)
        }
        line.append(contentsOf: "]}\n".utf8)
        try file.write(line)
    }

    /// Appends the decimal digits of `value` (what `String(value)` spells, without making a string).
    static func appendDecimal(_ value: UInt32, to bytes: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[9 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            bytes.append(contentsOf: buffer[(10 - count)...])
        }
    }

    mutating func finish() throws -> [WrittenFile] {
        [try file.finish()]
    }
}
