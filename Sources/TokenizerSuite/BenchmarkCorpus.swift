/// The chunking and hashing rules of the project's benchmark protocol (`../shared/bench/peers.py`),
/// so `tok bench` and library users measure exactly what the peers measure.
public enum BenchmarkCorpus {
    /// Splits `text` into chunks of whole lines (Python `str.splitlines(keepends=True)` line ends),
    /// closing a chunk as soon as it holds at least `chunkBytes` UTF-8 bytes.
    public static func chunks(of text: String, chunkBytes: Int) -> [String] {
        var chunks: [String] = []
        var current = Substring.UnicodeScalarView()
        var currentBytes = 0
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var lineStart = index
        var lineBytes = 0
        func closeLine(upTo end: String.UnicodeScalarView.Index) {
            current.append(contentsOf: scalars[lineStart..<end])
            currentBytes += lineBytes
            lineStart = end
            lineBytes = 0
            if currentBytes >= chunkBytes {
                chunks.append(String(String.UnicodeScalarView(current)))
                current = Substring.UnicodeScalarView()
                currentBytes = 0
            }
        }
        while index < scalars.endIndex {
            let scalar = scalars[index]
            lineBytes += UTF8.width(scalar)
            var next = scalars.index(after: index)
            switch scalar.value {
            case 0x0D:
                if next < scalars.endIndex && scalars[next] == "\n" {
                    lineBytes += 1
                    next = scalars.index(after: next)
                }
                closeLine(upTo: next)
            case 0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029:
                closeLine(upTo: next)
            default:
                break
            }
            index = next
        }
        if lineStart < scalars.endIndex { closeLine(upTo: scalars.endIndex) }
        if !current.isEmpty { chunks.append(String(String.UnicodeScalarView(current))) }
        return chunks
    }

    /// FNV-1a 64 over each id as 4 little-endian bytes, as 16 lowercase hex digits.
    public struct FNV1a64: Sendable {
        private var state: UInt64 = 0xcbf2_9ce4_8422_2325

        /// A fresh hash.
        public init() {}

        /// Adds one id.
        public mutating func combine(_ id: UInt32) {
            var value = id
            for _ in 0..<4 {
                state = (state ^ UInt64(value & 0xFF)) &* 0x100_0000_01b3
                value >>= 8
            }
        }

        /// The digest so far.
        public var hexDigest: String {
            let digits = String(state, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
    }
}
