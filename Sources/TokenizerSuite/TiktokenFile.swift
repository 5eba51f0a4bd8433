import BytePairEncoding
import Foundation

/// Reads the `.tiktoken` format: one `BASE64 RANK` line per token.
public enum TiktokenFile {
    /// Parses `data`; `source` names the file in error messages.
    /// - Throws: `TokenizerError.malformedVocabulary` naming the file and line.
    /// - Complexity: O(n) in the file size.
    public static func parse(_ data: Data, source: String) throws -> MergeableRanks {
        var entries: [(bytes: [UInt8], rank: TokenID)] = []
        entries.reserveCapacity(data.count / 12)
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
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
                    rank = rank * 10 + UInt64(b - 0x30)
                    digits += 1
                    guard rank < UInt64(UInt32.max - 1) else { throw fail("the rank is too large") }
                }
                guard digits > 0 else { throw fail("the rank is missing") }
                entries.append((token, TokenID(rank)))
            }
        }
        do {
            return try MergeableRanks(entries)
        } catch let error as VocabularyError {
            throw TokenizerError.malformedVocabulary(source: source, line: nil, reason: error.message)
        }
    }
}

/// Standard base64 (with padding) decoding, strict.
enum Base64 {
    private static let table: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { t[Int(c)] = UInt8(i) }
        return t
    }()

    static func decode(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard text.count % 4 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(text.count / 4 * 3)
        var i = 0
        while i < text.count {
            let c0 = table[Int(text[i])], c1 = table[Int(text[i + 1])]
            guard c0 != 0xFF, c1 != 0xFF else { return nil }
            out.append(c0 << 2 | c1 >> 4)
            let last = i + 4 == text.count
            if last && text[i + 2] == UInt8(ascii: "=") {
                guard text[i + 3] == UInt8(ascii: "=") else { return nil }
                break
            }
            let c2 = table[Int(text[i + 2])]
            guard c2 != 0xFF else { return nil }
            out.append(c1 << 4 | c2 >> 2)
            if last && text[i + 3] == UInt8(ascii: "=") { break }
            let c3 = table[Int(text[i + 3])]
            guard c3 != 0xFF else { return nil }
            out.append(c2 << 6 | c3)
            i += 4
        }
        return out
    }
}
