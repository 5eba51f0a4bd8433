import TokenizerCore

/// Errors of corpus tokenization. Each names the file and, for input lines, the line and byte offset.
public enum CorpusError: Error, Equatable, CustomStringConvertible {
    /// A file could not be opened, read or written.
    case file(path: String, reason: String)
    /// A compressed input is corrupt or truncated.
    case corruptInput(path: String, format: String, reason: String)
    /// An input line is not a JSON object with a string in the text field, or does not encode.
    case badLine(source: String, line: Int, byteOffset: Int, reason: String)
    /// The options cannot be carried out (named in the message).
    case invalidOptions(String)

    public var description: String {
        switch self {
        case let .file(path, reason): return "\(path): \(reason)"
        case let .corruptInput(path, format, reason): return "\(path): corrupt \(format) input: \(reason)"
        case let .badLine(source, line, byteOffset, reason): return "\(source), line \(line) (byte \(byteOffset)): \(reason)"
        case let .invalidOptions(message): return message
        }
    }
}
