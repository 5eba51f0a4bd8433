import BytePairEncoding

/// A model's token strings by id: as read from the file's `vocab`, or, for a byte-level model
/// loaded from a prebuilt token table, spelled from the table's bytes when asked (the table holds
/// every token then, and the byte-level alphabet is a bijection, so the strings are the file's).
public struct TokenStrings: Sendable {
    private let strings: [String]
    private let byteLevelTable: MergeableRanks?
    private let otherStrings: [TokenID: String]
    /// One more than the largest id with a token string.
    public let count: Int

    /// The strings of a `vocab`, by id ("" where no token has the id).
    init(_ strings: [String]) {
        self.strings = strings
        byteLevelTable = nil
        otherStrings = [:]
        count = strings.count
    }

    /// The strings of a byte-level table's tokens and of the tokens that are not byte-level text.
    init(byteLevel table: MergeableRanks, otherTokens: [[UInt8]: TokenID]) {
        strings = []
        byteLevelTable = table
        otherStrings = Dictionary(otherTokens.map { ($0.value, String(decoding: $0.key, as: UTF8.self)) }, uniquingKeysWith: { first, _ in first })
        count = max(table.rankLimit, Int(otherTokens.values.max() ?? 0) + (otherTokens.isEmpty ? 0 : 1))
    }

    /// The string of token `id`, or nil when no token has it.
    public subscript(id: TokenID) -> String? {
        guard Int(id) < count else { return nil }
        if let byteLevelTable {
            return byteLevelTable.withBytes(of: id) { ByteLevelAlphabet.string(of: $0) } ?? otherStrings[id]
        }
        let string = strings[Int(id)]
        return string.isEmpty ? nil : string
    }

    /// The UTF-8 length of token `id`'s string (0 when no token has it).
    func utf8Count(_ id: TokenID) -> Int {
        self[id]?.utf8.count ?? 0
    }
}
