import Testing
@testable import TextNormalization

@Suite struct UnicodeNormalizerTests {
    @Test func composesAndDecomposes() throws {
        #expect(Array(try UnicodeNormalizer(.nfc).normalize("e\u{301}").unicodeScalars) == ["\u{E9}"])
        #expect(Array(try UnicodeNormalizer(.nfd).normalize("\u{E9}").unicodeScalars) == ["e", "\u{301}"])
        #expect(Array(try UnicodeNormalizer(.nfkc).normalize("\u{FB01}").unicodeScalars) == ["f", "i"])
        #expect(Array(try UnicodeNormalizer(.nfkd).normalize("\u{1E9B}\u{323}").unicodeScalars) == ["s", "\u{323}", "\u{307}"])
        #expect(try UnicodeNormalizer(.nfc).normalize("") == "")
    }

    @Test func reportsICUVersion() {
        #expect(UnicodeNormalizer.icuUnicodeVersion.split(separator: ".").count == 2)
    }
}
