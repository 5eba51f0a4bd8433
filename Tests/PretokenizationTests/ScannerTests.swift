import Pretokenization
import Testing

/// The hand-written scanners must split exactly as PCRE2 runs the published patterns.
@Suite struct ScannerTests {
    static let traps = [
        "\u{0C}\u{31350}", "a  b", "a\t\tb  ", "today\n \n", "I'M", "it'\u{17F}", "it\u{2019}s", "x \u{180E} y",
        "a\u{200B}b", "\r\n\r\n", "\n  ", "  \n", "e\u{301}", "\u{301}abc", "'s", "''s", "HELLOworld", "ABCdefGHI",
        "\u{1C89}\u{1C8A}x", "1234567", "foo/bar\n/", "!!!\n\n", " !a", "\u{A0}\u{A0}x", "'LL'VE'Re", "ǅungla's",
        "ʰello's", "\u{0345}a", "A\u{0345}", "x\u{10D4A}y", "\u{16130}\u{16131}", "", " ", "\u{85}a\u{85}",
    ]

    @Test func knownPiecesOfTheDesignNotes() throws {
        let o200k = O200kScanner()
        #expect(try SplitterComparison.pieces(o200k, "a  b") == ["a", " ", " b"])
        #expect(try SplitterComparison.pieces(o200k, "a\t\tb  ") == ["a", "\t", "\tb", "  "])
        #expect(try SplitterComparison.pieces(o200k, "today\n \n") == ["today", "\n \n"])
        #expect(try SplitterComparison.pieces(o200k, "\u{0C}\u{31350}") == ["\u{0C}\u{31350}"])
        #expect(try SplitterComparison.pieces(o200k, "it'\u{17F}") == ["it'\u{17F}"])
        #expect(try SplitterComparison.pieces(Cl100kScanner(), "2007 x \n  ") == ["200", "7", " x", " \n  "])
        #expect(try SplitterComparison.pieces(O200kScanner(), "2007 x \n  ") == ["200", "7", " x", " \n", "  "])
    }

    @Test(arguments: [KnownPatterns.o200k, KnownPatterns.cl100k])
    func scannerEqualsPCRE2(pattern: String) throws {
        let scanner = try RegexSplitter.best(for: pattern)
        let regex = try RegexSplitter(pattern: pattern)
        #expect(!(scanner is RegexSplitter))
        let inputs = Self.traps
            + SplitterComparison.randomTexts(seed: 0x5EED, count: 20_000, alphabet: "aZ9 \t\n\r'’ſ.,!/<|éß中ж\u{301}\u{345}\u{A0}\u{2000}\u{3000}\u{180E}\u{200B}\u{B}\u{C}\u{85}\u{1C}ǅʰ\u{31350}\u{1C89}\u{105C0}\u{11F50}\u{1F600}SLLVERTD")
        #expect(try SplitterComparison.mismatches(scanner, regex, on: inputs) == 0)
    }

    /// Mostly ASCII (the scanners' fast paths), with the characters outside ASCII that can
    /// continue an ASCII piece: letters, marks, numbers, punctuation and white space.
    static let asciiHeavyAlphabet =
        "abcxyzABCXYZ0123456789    \t\n\r\u{B}\u{C}\u{1C}'.,;:!?/()-_\"#$%&*+<=>@[]^`{|}~sStTmMdDrReEvVlL"
        + "é\u{301}²٣\u{A0}\u{2000}’ſ中"

    /// Texts long enough for many batches, and the ASCII fast paths next to every kind of
    /// character outside ASCII.
    static func asciiHeavyInputs(seed: UInt64) -> [String] {
        let short = SplitterComparison.randomTexts(seed: seed, count: 20_000, alphabet: asciiHeavyAlphabet)
        let long = stride(from: 0, to: 2_000, by: 200).map { short[$0..<($0 + 200)].joined() }
        return short + long
    }

    @Test(arguments: [KnownPatterns.o200k, KnownPatterns.cl100k])
    func scannerEqualsPCRE2OnMostlyASCII(pattern: String) throws {
        let scanner = try RegexSplitter.best(for: pattern)
        let regex = try RegexSplitter(pattern: pattern)
        #expect(try SplitterComparison.mismatches(scanner, regex, on: Self.asciiHeavyInputs(seed: 0xA5C1)) == 0)
    }
}

