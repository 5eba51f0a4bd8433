/// A JSON document that does not parse, with serde_json's message and position (1-based line,
/// byte column within the line).
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in serde_json's words ("trailing comma", "EOF while parsing a string").
    public let message: String
    /// The line, from 1.
    public let line: Int
    /// The byte column within the line, as serde_json counts it.
    public let column: Int

    public init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    /// `"<message> at line L column C"`, as serde_json prints it.
    public var description: String { "\(message) at line \(line) column \(column)" }
}
