extension String {
    /// The lines as Rust's `str::lines` gives them: split at `\n`, one `\r` before each `\n`
    /// removed, no final empty line (a lone `\r` elsewhere stays).
    var rustLines: [Substring] {
        var lines: [Substring] = []
        var rest = self[...]
        while let newline = rest.utf8.firstIndex(of: UInt8(ascii: "\n")) {
            var line = rest[..<newline]
            if line.utf8.last == UInt8(ascii: "\r") { line = line.dropLast() }
            lines.append(line)
            rest = rest[rest.utf8.index(after: newline)...]
        }
        if !rest.isEmpty { lines.append(rest) }
        return lines
    }
}
