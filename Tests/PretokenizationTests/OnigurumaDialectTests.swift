import Pretokenization
import Testing

/// tokenizer.json patterns read with Oniguruma's meaning, and the Qwen scanner against PCRE2.
@Suite struct OnigurumaDialectTests {
    @Test func intervalFollowedByPlusIsARepeat() throws {
        // Oniguruma: `{1,3}+` repeats the interval, so 2007 stays one piece; PCRE2 would read it as
        // possessive and give 200, 7.
        let splitter = try RegexSplitter(onigurumaPattern: #"\p{N}{1,3}+|\s+"#)
        #expect(try SplitterComparison.pieces(splitter, "2007 1234567") == ["2007", " ", "1234567"])
        #expect(try OnigurumaDialect.translate(#"a{2}+b"#) == #"(?:a{2})+b"#)
        #expect(try OnigurumaDialect.translate(#"(ab){1,3}+"#) == #"(?:(ab){1,3})+"#)
        #expect(try OnigurumaDialect.translate(#"[a-z]{1,3}?"#) == #"[a-z]{1,3}?"#)
    }

    @Test func anchorsAreLineAnchors() throws {
        // `$` matches before every "\n": the spaces before it are one piece, the newline another.
        let splitter = try RegexSplitter(onigurumaPattern: #" +$|\S+|\n"#)
        #expect(try SplitterComparison.pieces(splitter, "ab  \ncd  ") == ["ab", "  ", "\n", "cd", "  "])
        #expect(try SplitterComparison.pieces(try RegexSplitter(onigurumaPattern: #"x$"#), "x\nx") == ["x", "x"])
        #expect(try SplitterComparison.pieces(try RegexSplitter(onigurumaPattern: #"^y"#), "y\ny") == ["y", "y"])
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
        let inputs = ScannerTests.traps + ["2007", "x 12 y", "'s'S'ſ", " \n\n  \n x", "a\r\n\r\nb"]
            + SplitterComparison.randomTexts(seed: 0x0A11, count: 20_000, alphabet: "aZ9 \t\n\r'’ſ.,!/<|éß中ж\u{301}\u{345}\u{A0}\u{2000}\u{3000}\u{180E}\u{200B}\u{B}\u{C}\u{85}\u{1C}ǅʰ\u{31350}\u{1C89}\u{105C0}\u{11F50}\u{1F600}SLLVERTD٣")
        #expect(try SplitterComparison.mismatches(scanner, regex, on: inputs) == 0)
        #expect(try SplitterComparison.pieces(scanner, "2007 don't") == ["2", "0", "0", "7", " don", "'t"])
        #expect(try SplitterComparison.mismatches(scanner, regex, on: ScannerTests.asciiHeavyInputs(seed: 0xA5C2)) == 0)
        let long = ScannerTests.fragmentTexts(seed: 0xF4B6, count: 2_000, otherOneIn: 10)
            + ScannerTests.fragmentTexts(seed: 0xF4B7, count: 2_000, otherOneIn: 0)
            + ScannerTests.fragmentTexts(seed: 0xF4B8, count: 2_000, otherOneIn: 2)
        #expect(try SplitterComparison.mismatches(scanner, regex, on: long) == 0)
    }
}
