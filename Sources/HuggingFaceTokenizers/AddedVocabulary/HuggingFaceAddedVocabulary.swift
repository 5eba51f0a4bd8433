import BytePairEncoding
import TokenizerCore

/// The added tokens and the two matchers the reference runs: one on raw text (tokens with
/// `normalized: false`) and one on normalized text.
struct HuggingFaceAddedVocabulary: Sendable {
    let tokens: [HuggingFaceAddedToken]
    /// Each token's string as decoding gives it: a `normalized` token's content after the
    /// normalizer (tokenizers stores it so), else its content.
    let tokenStrings: [String]
    let raw: Matcher?
    let normalized: Matcher?
    let byID: [TokenID: Int]

    struct Matcher: Sendable {
        let table: SpecialTokens
        let tokenIndex: [Int]   // table entry → index in `tokens`
    }

    init(tokens: [HuggingFaceAddedToken], normalize: (String) throws -> String) throws {
        self.tokens = tokens
        var byID: [TokenID: Int] = [:]
        for (k, t) in tokens.enumerated() where byID[t.id] == nil { byID[t.id] = k }
        self.byID = byID
        func matcher(_ indices: [Int], _ text: (Int) throws -> String) throws -> Matcher? {
            var entries: [(text: String, id: TokenID)] = []
            var map: [Int] = []
            var seen = Set<[UInt8]>()
            for k in indices {
                let content = try text(k)
                guard !content.isEmpty, seen.insert(Array(content.utf8)).inserted else { continue }
                entries.append((content, TokenID(k)))
                map.append(k)
            }
            return entries.isEmpty ? nil : Matcher(table: try SpecialTokens(entries), tokenIndex: map)
        }
        let strings = try tokens.map { $0.normalized ? try normalize($0.content) : $0.content }
        tokenStrings = strings
        raw = try matcher(tokens.indices.filter { !tokens[$0].normalized }) { tokens[$0].content }
        normalized = try matcher(tokens.indices.filter { tokens[$0].normalized }) { strings[$0] }
    }

    /// The token with `id`, if it is an added token.
    func token(id: TokenID) -> HuggingFaceAddedToken? { byID[id].map { tokens[$0] } }

    /// The string `id` decodes as, if it is an added token.
    func tokenString(id: TokenID) -> String? { byID[id].map { tokenStrings[$0] } }

    /// Splits `text` into runs of plain text and added tokens, as the reference's `find_matches`:
    /// leftmost-longest matches in one pass, then the `single_word`, `lstrip` and `rstrip` rules.
    /// A match that `policy` does not allow stays text, or is an error when the policy disallows it.
    /// - Throws: `TokenizerError.disallowedSpecialToken`, or what `body` throws.
    func split(
        _ text: UnsafeBufferPointer<UInt8>, with matcher: Matcher, policy: SpecialTokenPolicy,
        _ body: (Range<Int>, TokenID?) throws -> Void
    ) throws {
        var from = 0
        var startOffset = 0
        while let hit = matcher.table.firstMatch(in: text, from: from, where: { _ in true }) {
            from = hit.end
            let token = tokens[matcher.tokenIndex[hit.entry]]
            guard policy.allows(token.content, special: token.special) else {
                if token.special && policy.disallows(token.content) { throw TokenizerError.disallowedSpecialToken(token.content) }
                continue
            }
            var start = hit.start
            var stop = hit.end
            if token.singleWord {
                let startSpace = start == 0 || !Self.endsWithWord(text, before: start)
                let stopSpace = stop == text.count || !Self.startsWithWord(text, at: stop)
                if !startSpace || !stopSpace { continue }
            }
            if token.lstrip {
                var s = start
                while s > 0 {
                    var k = s - 1
                    while k > 0 && text[k] & 0xC0 == 0x80 { k -= 1 }
                    guard RustCharacterClasses.isWhitespace(scalarAt(text, k).0) else { break }
                    s = k
                }
                start = max(s, startOffset)
            }
            if token.rstrip {
                while stop < text.count {
                    let (s, l) = scalarAt(text, stop)
                    guard RustCharacterClasses.isWhitespace(s) else { break }
                    stop += l
                }
            }
            if startOffset < start { try body(startOffset..<start, nil) }
            try body(start..<stop, token.id)
            startOffset = stop
        }
        if startOffset != text.count { try body(startOffset..<text.count, nil) }
    }

    private static func endsWithWord(_ text: UnsafeBufferPointer<UInt8>, before end: Int) -> Bool {
        var k = end - 1
        while k > 0 && text[k] & 0xC0 == 0x80 { k -= 1 }
        return RustCharacterClasses.isWordCharacter(scalarAt(text, k).0)
    }

    private static func startsWithWord(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        RustCharacterClasses.isWordCharacter(scalarAt(text, start).0)
    }
}
