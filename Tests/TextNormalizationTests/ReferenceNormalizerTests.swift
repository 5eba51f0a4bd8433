import Testing
import TextNormalization

/// Normalization as tokenizers 0.23.3 does it: Unicode-9-era data on top of the system ICU.
@Suite struct ReferenceNormalizerTests {
    func scalars(_ form: UnicodeNormalizer.Form, _ text: String) throws -> [UInt32] {
        try ReferenceNormalizer(form).normalize(text).unicodeScalars.map(\.value)
    }

    @Test func marksAddedAfterUnicode9AreInert() throws {
        // Modern NFC composes a + U+0301 across U+07FD (class 220); tokenizers does not.
        #expect(try scalars(.nfc, "a\u{7FD}\u{301}") == [0x61, 0x7FD, 0x301])
        #expect(try scalars(.nfc, "a\u{8D3}\u{301}") == [0x61, 0x8D3, 0x301])
        #expect(try scalars(.nfc, "\u{11935}\u{11930}") == [0x11935, 0x11930])
        #expect(try scalars(.nfd, "\u{1DF6}\u{301}") == [0x1DF6, 0x301])
    }

    @Test func ordinaryNormalizationStillApplies() throws {
        #expect(try scalars(.nfc, "e\u{301}") == [0xE9])
        #expect(try scalars(.nfc, "e\u{301}\u{323}") == [0x1EB9, 0x301])
        #expect(try scalars(.nfd, "\u{E9}") == [0x65, 0x301])
        #expect(try scalars(.nfkc, "\u{FB01}") == [0x66, 0x69])
        #expect(try scalars(.nfc, "\u{1100}\u{1161}\u{11A8}") == [0xAC01])
        #expect(try scalars(.nfc, "plain ascii and é") == Array("plain ascii and é".unicodeScalars.map(\.value)))
    }

    @Test func unchangedTextIsNotCopied() throws {
        var output: [UInt8] = [1, 2, 3]
        let text = Array("héllo wörld".utf8)
        let changed = try text.withUnsafeBufferPointer { try ReferenceNormalizer(.nfc).normalize($0, into: &output) }
        #expect(!changed && output == [1, 2, 3])
    }
}
