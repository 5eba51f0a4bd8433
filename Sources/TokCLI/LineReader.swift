import Foundation

/// Reads a file handle line by line (without the line end) in fixed-size blocks.
struct LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    private var atEnd = false

    init(handle: FileHandle) { self.handle = handle }

    /// The next line, or nil at the end of the input.
    mutating func nextLine() -> Data? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = buffer[(newline + 1)...]
                return Data(line)
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = Data() }
                return Data(buffer)
            }
            let block = handle.readData(ofLength: 1 << 20)
            if block.isEmpty { atEnd = true } else { buffer = Data(buffer) + block }
        }
    }
}
