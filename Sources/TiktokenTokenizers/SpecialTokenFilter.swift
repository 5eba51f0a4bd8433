import BytePairEncoding
import TokenizerCore

/// A policy resolved against one encoding's special tokens: which entries of `SpecialTokens` are
/// matched and which are errors. nil means none, so the common policies cost no scan.
struct SpecialTokenFilter {
    /// A set of entry indices of `SpecialTokens.entries`.
    enum Entries {
        case all
        case some(Set<Int>)

        func contains(_ entry: Int) -> Bool {
            switch self {
            case .all: return true
            case let .some(entries): return entries.contains(entry)
            }
        }
    }

    /// The entries whose text becomes their id; nil for none.
    let allowed: Entries?
    /// The entries whose text is an error; nil for none.
    let disallowed: Entries?

    init(policy: SpecialTokenPolicy, specialTokens: SpecialTokens) {
        let entries = specialTokens.entries
        switch policy.allowed {
        case .all: allowed = entries.isEmpty ? nil : .all
        case .nonSpecial, .none: allowed = nil
        case let .only(texts):
            let matched = Set(entries.indices.filter { texts.contains(entries[$0].text) })
            allowed = matched.isEmpty ? nil : .some(matched)
        }
        // As tiktoken: "all" disallows every special not allowed; a list is taken as given, so a
        // token both allowed and listed is an error.
        switch (policy.disallowed, allowed) {
        case (.none, _), (.allNotAllowed, .all?):
            disallowed = nil
        case (.allNotAllowed, nil):
            disallowed = entries.isEmpty ? nil : .all
        case let (.allNotAllowed, .some(.some(matched))):
            let rest = Set(entries.indices).subtracting(matched)
            disallowed = rest.isEmpty ? nil : .some(rest)
        case let (.only(texts), _):
            let named = Set(entries.indices.filter { texts.contains(entries[$0].text) })
            disallowed = named.isEmpty ? nil : .some(named)
        }
    }
}
