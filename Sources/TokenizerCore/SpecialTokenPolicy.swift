/// How text that spells a special or added token is encoded: tiktoken's `allowed_special` /
/// `disallowed_special`, tokenizers' added-token matching (all, non-special only, none) and
/// `add_special_tokens`, in one value that every tokenizer understands.
///
/// `SpecialTokenPolicy.untrusted` is the one to use for text from users or the web: no control
/// token can come out of it.
public struct SpecialTokenPolicy: Sendable, Hashable {
    /// The special and added tokens whose text becomes their id.
    public enum Allowed: Sendable, Hashable {
        /// Every special and added token.
        case all
        /// Only added tokens that are not special (tokenizers' `split_special_tokens`; for a tiktoken
        /// encoding, whose added tokens are all special, this is `.none`).
        case nonSpecial
        /// None: all text is ordinary text.
        case none
        /// The tokens with these texts.
        case only(Set<String>)
    }

    /// The special tokens whose text in the input is an error.
    public enum Disallowed: Sendable, Hashable {
        /// Every special token that is not allowed (tiktoken's default, `disallowed_special="all"`).
        case allNotAllowed
        /// None: special-token text that is not allowed is encoded as ordinary text.
        case none
        /// The special tokens with these texts (when not allowed).
        case only(Set<String>)
    }

    /// The tokens matched in the text.
    public var allowed: Allowed
    /// The special tokens whose text is an error.
    public var disallowed: Disallowed
    /// Whether the tokenizer's post-processor adds its tokens (BOS, EOS) around the ids. Tiktoken
    /// encodings have none; for them this changes nothing.
    public var addSpecialTokens: Bool

    /// A policy.
    public init(allowed: Allowed, disallowed: Disallowed = .none, addSpecialTokens: Bool = false) {
        self.allowed = allowed
        self.disallowed = disallowed
        self.addSpecialTokens = addSpecialTokens
    }

    /// Text from an untrusted source: nothing matched, nothing added, no error.
    public static let untrusted = SpecialTokenPolicy(allowed: .none, disallowed: .none, addSpecialTokens: false)

    /// tiktoken's `encode(text)`: special-token text is an error.
    public static let tiktokenDefault = SpecialTokenPolicy(allowed: .none, disallowed: .allNotAllowed, addSpecialTokens: false)

    /// tokenizers' `encode(text)` (and transformers'): every added token matches, the
    /// post-processor adds its tokens.
    public static let huggingFaceDefault = SpecialTokenPolicy(allowed: .all, disallowed: .none, addSpecialTokens: true)

    /// Text written by the caller with chat markup: every special token matches, nothing is added.
    public static let markup = SpecialTokenPolicy(allowed: .all, disallowed: .none, addSpecialTokens: false)

    /// Whether a token with `text` that is `special` (for tiktoken: every special token) matches.
    public func allows(_ text: String, special: Bool) -> Bool {
        switch allowed {
        case .all: return true
        case .nonSpecial: return !special
        case .none: return false
        case let .only(texts): return texts.contains(text)
        }
    }

    /// Whether a special token with `text`, not allowed, is an error in the input.
    public func disallows(_ text: String) -> Bool {
        switch disallowed {
        case .allNotAllowed: return true
        case .none: return false
        case let .only(texts): return texts.contains(text)
        }
    }

    /// Whether the policy can match no token at all (so matching can be skipped).
    public var matchesNothing: Bool {
        switch allowed {
        case .none: return true
        case let .only(texts): return texts.isEmpty
        case .all, .nonSpecial: return false
        }
    }
}
