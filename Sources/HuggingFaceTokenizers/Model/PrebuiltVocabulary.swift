import BytePairEncoding

import OrderedJSON

/// A byte-level `vocab` in prebuilt form: the byte-level tokens' table and the tokens whose strings
/// are not byte-level text (their UTF-8 → id), both made when the file was last read in full, and
/// where that file's `model.vocab` and `model.merges` lie (so a later read jumps over them).
package struct PrebuiltVocabulary: Sendable {
    let tokenTable: MergeableRanks
    let otherTokens: MergeableRanks
    let spans: [String: JSONSpan]

    /// The paths whose spans are kept, in the order of the words that store them.
    static let spannedPaths = ["model.vocab", "model.merges"]

    /// The spans as words (start, end, count per path), for `PrebuiltRanksCache.Slot.store`.
    static func words(of spans: [String: JSONSpan]) -> [UInt64] {
        guard spannedPaths.allSatisfy({ spans[$0] != nil }) else { return [] }
        return spannedPaths.flatMap { path -> [UInt64] in
            let span = spans[path]!
            return [UInt64(span.start), UInt64(span.end), UInt64(span.count)]
        }
    }

    /// The spans stored as `words` (none when the words do not hold them all).
    static func spans(from words: [UInt64]) -> [String: JSONSpan] {
        guard words.count == 3 * spannedPaths.count, words.allSatisfy({ $0 < UInt64(Int.max) }) else { return [:] }
        var spans: [String: JSONSpan] = [:]
        for (i, path) in spannedPaths.enumerated() {
            spans[path] = JSONSpan(start: Int(words[3 * i]), end: Int(words[3 * i + 1]), count: Int(words[3 * i + 2]))
        }
        return spans
    }
}
