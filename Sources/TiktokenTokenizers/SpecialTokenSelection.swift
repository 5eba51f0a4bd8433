import TokenizerCore

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

extension SpecialTokenPolicy {
    /// The policy of tiktoken's `encode(text, allowed_special=…, disallowed_special=…)`.
    public init(allowedSpecial: SpecialTokenSelection, disallowedSpecial: SpecialTokenSelection = .all) {
        let allowed: Allowed
        switch allowedSpecial {
        case .all: allowed = .all
        case .none: allowed = .none
        case let .only(texts): allowed = .only(texts)
        }
        let disallowed: Disallowed
        switch disallowedSpecial {
        case .all: disallowed = .allNotAllowed
        case .none: disallowed = .none
        case let .only(texts): disallowed = .only(texts)
        }
        self.init(allowed: allowed, disallowed: disallowed, addSpecialTokens: false)
    }
}
