/// The reading, chunking and hashing rules of the benchmark protocol shared with the peer
/// tokenizers' script, so `tok bench` and library users measure exactly what the peers measure.
enum BenchmarkCorpus {
    /// Splits `text` into chunks of whole lines (Python `str.splitlines(keepends=True)` line ends),
    /// closing a chunk as soon as it holds at least `chunkBytes` UTF-8 bytes.
    static func chunks(of text: String, chunkBytes: Int) -> [String] {
        let bytes = Array(text.utf8)
        var chunks: [String] = []
        var chunkStart = 0
        var i = 0
        func lineEnded(at end: Int) {
            if end - chunkStart >= chunkBytes {
                chunks.append(String(decoding: bytes[chunkStart..<end], as: UTF8.self))
                chunkStart = end
            }
        }
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x0D:
                i += (i + 1 < bytes.count && bytes[i + 1] == 0x0A) ? 2 : 1
                lineEnded(at: i)
            case 0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E:
                i += 1
                lineEnded(at: i)
            case 0xC2 where i + 1 < bytes.count && bytes[i + 1] == 0x85:  // U+0085
                i += 2
                lineEnded(at: i)
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                i += 3  // U+2028, U+2029
                lineEnded(at: i)
            default:
                i += 1
            }
        }
        if chunkStart < bytes.count { chunks.append(String(decoding: bytes[chunkStart...], as: UTF8.self)) }
        return chunks
    }

    /// `text` with `\r\n` and lone `\r` turned into `\n`, as Python's text-mode `open().read()`
    /// (universal newlines) gives it to the peers.
    static func universalNewlines(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for b in text.utf8 {
            if b == 0x0A && previousWasCR { previousWasCR = false; continue }
            previousWasCR = b == 0x0D
            out.append(b == 0x0D ? 0x0A : b)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
