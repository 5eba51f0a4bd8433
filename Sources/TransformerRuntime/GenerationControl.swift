/// What the token callback of a generation returns.
public enum GenerationControl: Sendable {
    /// Keep generating.
    case `continue`
    /// Stop after this token.
    case stop
}
