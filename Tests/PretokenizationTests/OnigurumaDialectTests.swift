import Pretokenization
import Testing

/// tokenizer.json patterns read with Oniguruma's meaning, and the Qwen scanner against PCRE2.
@Suite struct OnigurumaDialectTests {
    func pieces(_ splitter: any PieceSplitter, _ text: String) throws -> [String] {
        var text = text
        return try text.withUTF8 { bytes in
            var out: [String] = []
            try splitter.forEachPiece(in: bytes) { start, end in
                out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
            return out
        }
    }

    @Test func intervalFollowedByPlusIsARepeat() throws {
        // Oniguruma: `{1,3}+` repeats the interval, so 2007 stays one piece; PCRE2 would read it as
        // possessive and give 200, 7.
        let splitter = try RegexSplitter(onigurumaPattern: #"\p{N}{1,3}+|\s+"#)
        #expect(try pieces(splitter, "2007 1234567") == ["2007", " ", "1234567"])
        #expect(try OnigurumaDialect.translate(#"a{2}+b"#) == #"(?:a{2})+b"#)
        #expect(try OnigurumaDialect.translate(#"(ab){1,3}+"#) == #"(?:(ab){1,3})+"#)
        #expect(try OnigurumaDialect.translate(#"[a-z]{1,3}?"#) == #"[a-z]{1,3}?"#)
    }

    @Test func anchorsAreLineAnchors() throws {
        // `$` matches before every "\n": the spaces before it are one piece, the newline another.
        let splitter = try RegexSplitter(onigurumaPattern: #" +$|\S+|\n"#)
        #expect(try pieces(splitter, "ab  \ncd  ") == ["ab", "  ", "\n", "cd", "  "])
        #expect(try pieces(try RegexSplitter(onigurumaPattern: #"x$"#), "x\nx") == ["x", "x"])
        #expect(try pieces(try RegexSplitter(onigurumaPattern: #"^y"#), "y\ny") == ["y", "y"])
    }

    @Test func unsupportedConstructsAreNamed() {
        for (pattern, construct) in [(#"[a[b]]"#, "nested character class"), (#"[a-z&&[^aeiou]]"#, "class intersection &&"),
                                     (#"(?~abc)"#, "(?~…)"), (#"a\K"#, "\\K")] {
            #expect(throws: RegexError.unsupported(pattern: pattern, construct: construct)) {
                _ = try OnigurumaDialect.translate(pattern)
            }
        }
    }

    @Test func qwenScannerEqualsPCRE2() throws {
        let scanner = try RegexSplitter.bestOniguruma(for: QwenScanner.pattern)
        #expect(scanner is QwenScanner)
        let regex = try RegexSplitter(onigurumaPattern: QwenScanner.pattern)
        var generator = SeededGenerator(seed: 0x0A11)
        let alphabet: [Unicode.Scalar] = Array("aZ9 \t\n\r'’ſ.,!/<|éß中ж\u{301}\u{345}\u{A0}\u{2000}\u{3000}\u{180E}\u{200B}\u{B}\u{C}\u{85}\u{1C}ǅʰ\u{31350}\u{1C89}\u{105C0}\u{11F50}\u{1F600}SLLVERTD٣".unicodeScalars)
        var inputs = ScannerTests.traps + ["2007", "x 12 y", "'s'S'ſ", " \n\n  \n x", "a\r\n\r\nb"]
        for _ in 0..<20_000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...20, using: &generator) {
                if Int.random(in: 0..<8, using: &generator) == 0 {
                    if let scalar = Unicode.Scalar(UInt32.random(in: 0x80...0x3FFFF, using: &generator)) { s.append(scalar) }
                } else {
                    s.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
                }
            }
            inputs.append(String(s))
        }
        var mismatches = 0
        for text in inputs {
            let expected = try pieces(regex, text)
            let got = try pieces(scanner, text)
            if got != expected {
                mismatches += 1
                if mismatches <= 5 { Issue.record("\(text.debugDescription): scanner \(got), PCRE2 \(expected)") }
            }
        }
        #expect(mismatches == 0)
        #expect(try pieces(scanner, "2007 don't") == ["2", "0", "0", "7", " don", "'t"])
    }
}
