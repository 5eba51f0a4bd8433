/// Which special tokens a call allows or disallows, as tiktoken's `allowed_special` /
/// `disallowed_special` arguments.
public enum SpecialTokenSelection: Sendable, Equatable {
    /// Every special token of the encoding.
    case all
    /// No special token.
    case none
    /// The special tokens with these texts.
    case only(Set<String>)
}
