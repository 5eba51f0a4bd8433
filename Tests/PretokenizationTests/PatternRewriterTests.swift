import Pretokenization
import Testing

@Suite struct PatternRewriterTests {
    @Test func whitespaceIsTheReferenceSet() throws {
        let splitter = try RegexSplitter(pattern: #"\s+|\S+"#)
        var text = "a\u{180E}\u{200B}b \u{2028}\u{3000}c"
        let pieces = try text.withUTF8 { bytes in
            var out: [Int] = []
            try splitter.forEachPiece(in: bytes) { start, end in out.append(end - start) }
            return out
        }
        // U+180E and U+200B are not white space; U+2028 and U+3000 are.
        #expect(pieces == [1 + 3 + 3 + 1, 1 + 3 + 3, 1])
    }

    @Test func propertiesHaveUnicode16Membership() throws {
        // U+31350 (CJK Extension H, Unicode 15) and U+1C89 (Unicode 16) are letters.
        let letters = try RegexSplitter(pattern: #"\p{L}+"#)
        for text in ["\u{31350}", "\u{1C89}", "\u{105C0}"] {
            var t = text
            let count = try t.withUTF8 { bytes in
                var n = 0
                try letters.forEachPiece(in: bytes) { _, _ in n += 1 }
                return n
            }
            #expect(count == 1, "\(text.unicodeScalars.first!.value)")
        }
        // The explicit-range fallback (for a PCRE2 with other Unicode data) agrees.
        let explicit = try PatternRewriter(pcreUnicodeVersion: "17.0.0").rewrite(#"\p{N}"#)
        #expect(!explicit.contains(#"\p{"#))
        #expect(explicit.contains(#"\x{10d40}-\x{10d49}"#))
    }

    @Test func untranslatableConstructsAreNamed() {
        #expect(throws: RegexError.unsupported(pattern: #"\w+"#, construct: #"\w"#)) {
            try PatternRewriter().rewrite(#"\w+"#)
        }
        #expect(throws: RegexError.unsupported(pattern: #"[^\S\n]"#, construct: #"\S inside a character class"#)) {
            try PatternRewriter().rewrite(#"[^\S\n]"#)
        }
        #expect(throws: RegexError.unsupported(pattern: #"\p{Greek}"#, construct: #"\p{Greek}"#)) {
            try PatternRewriter().rewrite(#"\p{Greek}"#)
        }
    }

    @Test func compileErrorsCarryPCRE2sMessage() {
        #expect {
            try PCRE2Regex("(unclosed")
        } throws: { error in
            guard case let RegexError.compile(_, message, offset) = error else { return false }
            return message.contains("missing closing parenthesis") && offset == 9
        }
    }
}
