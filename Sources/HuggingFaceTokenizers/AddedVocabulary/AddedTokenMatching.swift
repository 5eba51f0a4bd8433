import TokenizerCore

/// Which added tokens a call may match in its input text.
public enum AddedTokenMatching: Sendable, Equatable {
    /// Every added token (the reference's default).
    case all
    /// Only non-special added tokens; special ones are ordinary text (the reference's
    /// `encode_special_tokens` / `split_special_tokens`).
    case nonSpecialOnly
    /// None: all text goes through the model (for untrusted text).
    case none
}

extension AddedTokenMatching {
    /// The policy that matches these added tokens (and adds special tokens when `addSpecialTokens`).
    public func policy(addSpecialTokens: Bool) -> SpecialTokenPolicy {
        switch self {
        case .all: return SpecialTokenPolicy(allowed: .all, addSpecialTokens: addSpecialTokens)
        case .nonSpecialOnly: return SpecialTokenPolicy(allowed: .nonSpecial, addSpecialTokens: addSpecialTokens)
        case .none: return SpecialTokenPolicy(allowed: .none, addSpecialTokens: addSpecialTokens)
        }
    }
}
