import TokenizerSuiteTestSupport
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

    /// Pieces of text that meet at every kind of piece boundary: words in all cases, contractions,
    /// digit runs, white space with and without line breaks, punctuation with its tails, and the
    /// characters outside ASCII that continue or end an ASCII piece.
    static let fragments = [
        "the", " the", "The", " The", "HTML", "Parser", "x", "a", "Z", "it's", "don't", "we're", "I'LL", "they've",
        "IT'S", "it'S", "'s", "'", "''", "'t", "'re", "'ll", "'v", " ", " ", " ", "  ", "   ", "\t", "\t\t", "\n",
        "\n\n", "\r\n", "\r", " \n", "\n ", "\n  ", "  \n", "\n \n", " \n \n ", "\u{B}", "\u{C}", ".", ",", "...",
        "!?", "/", "//", "./", ".\n/", "/\n", "(", ")", "\"", "-", "_", "#", "\u{0}", "\u{7F}", "1", "12", "123", "1234",
        "2024", "3.14", "é", "ſ", "中", "\u{A0}", "\u{3000}", "\u{301}", "—", "’", "\u{85}", "٣", "²", "。", "aB", "Ab",
        "ABc", "camelCase", "snake_case", "x86", "v2", "e.g.", "U.S.", "foo/bar", "a\u{301}", "\u{1F600}", "\u{1C}",
        String(repeating: " ", count: 70), String(repeating: "ab", count: 40), String(repeating: "-", count: 70),
        String(repeating: "\n", count: 70), String(repeating: "7", count: 70),
        // Outside ASCII: letters of every case class, marks, numbers, punctuation, white space.
        "привет", " мир", "Привет", "ПРИВЕТ", "中文", " 日本語", "한국어", "العربية", "हिन्दी", "Ελληνικά", "ΑΒΓ", "ÀÉÎ",
        "ǅ", "ʰ", "«", "»", "“", "”", "…", "、", "，", "！", "\u{3000}", "\u{2009}", "٣٤٥", "²³", "Ⅻ", "½", "𝐀", "𝐚",
        "\u{200D}", "A\u{301}B", "中A", "A中B中", "x'ſ", "'ſ", "ſ", "Straße", " ΣΊΣΥΦΟΣ", "ǈa", "\u{10D4A}",
    ]

    /// Texts of 40 to 200 fragments (so hundreds of bytes: many 64-byte windows), one fragment in
    /// `otherOneIn` outside ASCII (none when 0).
    static func fragmentTexts(seed: UInt64, count: Int, otherOneIn: Int) -> [String] {
        let ascii = fragments.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        let other = fragments.filter { $0.utf8.contains { $0 >= 0x80 } }
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 40...200, using: &generator)).map { _ in
                otherOneIn > 0 && Int.random(in: 0..<otherOneIn, using: &generator) == 0
                    ? other[Int.random(in: 0..<other.count, using: &generator)]
                    : ascii[Int.random(in: 0..<ascii.count, using: &generator)]
            }.joined()
        }
    }

    @Test(arguments: [KnownPatterns.o200k, KnownPatterns.cl100k])
    func scannerEqualsPCRE2OnFragmentTexts(pattern: String) throws {
        let scanner = try RegexSplitter.best(for: pattern)
        let regex = try RegexSplitter(pattern: pattern)
        let texts = Self.fragmentTexts(seed: 0xF4A6, count: 2_000, otherOneIn: 10)
            + Self.fragmentTexts(seed: 0xF4A7, count: 2_000, otherOneIn: 0)
            + Self.fragmentTexts(seed: 0xF4A8, count: 2_000, otherOneIn: 2)
        #expect(try SplitterComparison.mismatches(scanner, regex, on: texts) == 0)
    }

    @Test(arguments: [KnownPatterns.o200k, KnownPatterns.cl100k])
    func scannerEqualsPCRE2OnMostlyASCII(pattern: String) throws {
        let scanner = try RegexSplitter.best(for: pattern)
        let regex = try RegexSplitter(pattern: pattern)
        #expect(try SplitterComparison.mismatches(scanner, regex, on: Self.asciiHeavyInputs(seed: 0xA5C1)) == 0)
    }
}

