import ArgumentParser
import TokenizerSuite

/// The special-token policy of a command, in one set of flags for every tokenizer.
struct SpecialTokenOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Special and added tokens whose text becomes their id: all, non-special, none, or a comma-separated list.",
        discussion: "Default: the tokenizer's reference: none for tiktoken encodings, all for tokenizer.json."))
    var allowedSpecial: String?

    @Option(name: .long, help: ArgumentHelp(
        "Special tokens whose text is an error: all (every one not allowed), none (encode them as ordinary text), or a comma-separated list.",
        discussion: "Default: all for tiktoken encodings (as tiktoken), none for tokenizer.json."))
    var disallowedSpecial: String?

    @Flag(name: .long, inversion: .prefixedNo, help: "tokenizer.json: add the post-processor's tokens (BOS/EOS); default: yes, as transformers.")
    var addSpecialTokens: Bool?

    @Flag(name: .long, help: "Untrusted text: no special or added token is matched or added (overrides the other special-token flags).")
    var untrusted = false

    /// The policy for `tokenizer`: its reference's default, changed by the flags given.
    /// - Throws: a usage error naming a flag that cannot apply to `tokenizer`.
    func policy(for tokenizer: any Tokenizer) throws -> SpecialTokenPolicy {
        if untrusted {
            guard allowedSpecial == nil, disallowedSpecial == nil, addSpecialTokens == nil else {
                throw ValidationError("--untrusted cannot be combined with --allowed-special, --disallowed-special or --add-special-tokens")
            }
            return .untrusted
        }
        var policy = tokenizer.defaultPolicy
        if let addSpecialTokens {
            guard tokenizer.specialTokenTemplate != nil else {
                let flag = addSpecialTokens ? "--add-special-tokens" : "--no-add-special-tokens"
                throw ValidationError("\(flag) does not apply to \(tokenizer.name): a tiktoken encoding adds no special tokens")
            }
            policy.addSpecialTokens = addSpecialTokens
        }
        if let allowedSpecial {
            switch allowedSpecial {
            case "all": policy.allowed = .all
            case "non-special": policy.allowed = .nonSpecial
            case "none", "": policy.allowed = .none
            default: policy.allowed = .only(Set(allowedSpecial.split(separator: ",").map(String.init)))
            }
        }
        if let disallowedSpecial {
            switch disallowedSpecial {
            case "all": policy.disallowed = .allNotAllowed
            case "none", "": policy.disallowed = .none
            default: policy.disallowed = .only(Set(disallowedSpecial.split(separator: ",").map(String.init)))
            }
        }
        return policy
    }
}
