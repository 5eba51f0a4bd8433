import BytePairEncoding
import TokenizerCore

/// Reads the `.tiktoken` format: one `BASE64 RANK` line per token.
public enum TiktokenFile {
    /// Parses `data`; `source` names the file in error messages. Ranks index dense tables, so a
    /// rank must stay below half the file's size (every line takes at least six bytes, so that is
    /// room for three times as many ranks as lines): one number in a file cannot size a huge
    /// allocation.
    /// - Throws: `TokenizerError.malformedVocabulary` naming the file and line.
    /// - Complexity: O(n) in the file size.
    public static func parse<Bytes: Collection>(_ data: Bytes, source: String) throws -> MergeableRanks
    where Bytes.Element == UInt8 {
        if let ranks = try data.withContiguousStorageIfAvailable({ try parse(buffer: $0, source: source) }) { return ranks }
        return try Array(data).withUnsafeBufferPointer { try parse(buffer: $0, source: source) }
    }

    private static func parse(buffer bytes: UnsafeBufferPointer<UInt8>, source: String) throws -> MergeableRanks {
        var entries: [(bytes: [UInt8], rank: TokenID)] = []
        entries.reserveCapacity(bytes.count / 12)
        let rankLimit = bytes.count / 2 + 1024
        var lineStart = 0
        var lineNumber = 0
        while lineStart < bytes.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            defer { lineStart = lineEnd + 1 }
            if contentEnd == lineStart { continue }  // blank line
            func fail(_ why: String) -> TokenizerError {
                .malformedVocabulary(source: source, line: lineNumber, reason: why)
            }
            var space = lineStart
            while space < contentEnd && bytes[space] != 0x20 { space += 1 }
            guard space < contentEnd else { throw fail("expected `BASE64 RANK`, found no space") }
            guard let token = Base64.decode(UnsafeBufferPointer(rebasing: bytes[lineStart..<space])), !token.isEmpty else {
                throw fail("the token is not valid non-empty base64")
            }
            var rank: UInt64 = 0
            var digits = 0
            for i in (space + 1)..<contentEnd {
                let b = bytes[i]
                guard b >= 0x30 && b <= 0x39 else { throw fail("the rank is not a decimal number") }
                digits += 1
                guard digits <= 18 else { throw fail("the rank is too large (ranks are below \(rankLimit) in a file this size)") }
                rank = rank * 10 + UInt64(b - 0x30)
            }
            guard digits > 0 else { throw fail("the rank is missing") }
            guard rank < UInt64(rankLimit) else { throw fail("the rank \(rank) is too large (ranks are below \(rankLimit) in a file this size)") }
            entries.append((token, TokenID(rank)))
        }
        do {
            return try MergeableRanks(entries)
        } catch let error as VocabularyError {
            throw TokenizerError.malformedVocabulary(source: source, line: nil, reason: error.message)
        }
    }
}
