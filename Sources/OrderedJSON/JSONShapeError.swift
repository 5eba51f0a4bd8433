/// A JSON value that is not what the reader expected: a missing member, a string where a number
/// belongs, a number out of range. Names the path of the value.
public struct JSONShapeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the offending value is (or, for a missing member, would be).
    public let path: JSONPath
    /// What is wrong ("missing", "expected a string, found a number").
    public let reason: String

    public init(path: JSONPath, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `"at <path>: <reason>"`, or the reason alone at the root.
    public var description: String {
        path.description.isEmpty || path.description == "$" ? reason : "at \(path): \(reason)"
    }
}
