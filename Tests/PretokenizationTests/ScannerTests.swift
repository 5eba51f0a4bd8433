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

    @Test func knownPiecesOfTheDesignNotes() throws {
        let o200k = O200kScanner()
        #expect(try pieces(o200k, "a  b") == ["a", " ", " b"])
        #expect(try pieces(o200k, "a\t\tb  ") == ["a", "\t", "\tb", "  "])
        #expect(try pieces(o200k, "today\n \n") == ["today", "\n \n"])
        #expect(try pieces(o200k, "\u{0C}\u{31350}") == ["\u{0C}\u{31350}"])
        #expect(try pieces(o200k, "it'\u{17F}") == ["it'\u{17F}"])
        #expect(try pieces(Cl100kScanner(), "2007 x \n  ") == ["200", "7", " x", " \n  "])
        #expect(try pieces(O200kScanner(), "2007 x \n  ") == ["200", "7", " x", " \n", "  "])
    }

    @Test(arguments: [KnownPatterns.o200k, KnownPatterns.cl100k])
    func scannerEqualsPCRE2(pattern: String) throws {
        let scanner = try RegexSplitter.best(for: pattern)
        let regex = try RegexSplitter(pattern: pattern)
        #expect(!(scanner is RegexSplitter))
        var generator = SeededGenerator(seed: 0x5EED)
        let alphabet: [Unicode.Scalar] = Array("aZ9 \t\n\r'’ſ.,!/<|éß中ж\u{301}\u{345}\u{A0}\u{2000}\u{3000}\u{180E}\u{200B}\u{B}\u{C}\u{85}\u{1C}ǅʰ\u{31350}\u{1C89}\u{105C0}\u{11F50}\u{1F600}SLLVERTD".unicodeScalars)
        var inputs = Self.traps
        for _ in 0..<20_000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...20, using: &generator) {
                if Int.random(in: 0..<8, using: &generator) == 0 {
                    let value = UInt32.random(in: 0x80...0x3FFFF, using: &generator)
                    if let scalar = Unicode.Scalar(value) { s.append(scalar) }
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
    }
}

/// A small deterministic generator (SplitMix64) so property tests are repeatable.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
