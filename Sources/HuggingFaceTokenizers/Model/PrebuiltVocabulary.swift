import BytePairEncoding

/// A byte-level `vocab` in prebuilt form: the byte-level tokens' table and the tokens whose strings
/// are not byte-level text (their UTF-8 → id), both made when the file was last read in full.
package struct PrebuiltVocabulary: Sendable {
    let tokenTable: MergeableRanks
    let otherTokens: MergeableRanks
}
