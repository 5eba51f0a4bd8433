import Testing
import TokenizerSuiteTestSupport
@testable import BytePairEncoding

@Suite struct SpecialTokensAndUTF8Tests {
    @Test func findsTheLeftmostAllowedSpecial() throws {
        let specials = try SpecialTokens([("<|a|>", 10), ("<|ab|>", 11), ("<|alias|>", 10)])
        #expect(specials.text(of: 10) == "<|a|>")
        #expect(specials.id(of: "<|alias|>") == 10)
        var text = Array("x<|<|ab|> <|a|>".utf8)
        let match = text.withUnsafeMutableBufferPointer { buffer in
            specials.firstMatch(in: UnsafeBufferPointer(buffer), from: 0) { _ in true }
        }
        #expect(match?.start == 3 && match?.end == 9 && match?.entry == 1)
        let onlyA = text.withUnsafeMutableBufferPointer { buffer in
            specials.firstMatch(in: UnsafeBufferPointer(buffer), from: 0) { $0 == 0 }
        }
        #expect(onlyA?.start == 10)
        #expect(throws: VocabularyError.self) { try SpecialTokens([("<|a|>", 1), ("<|a|>", 2)]) }
    }

    @Test func lossyDecodingReplacesMaximalSubparts() {
        // The same results as Python's bytes.decode("utf-8", errors="replace").
        let cases: [([UInt8], String)] = [
            ([0x61, 0xFF, 0x62], "a\u{FFFD}b"),
            ([0xE2, 0x82], "\u{FFFD}"),
            ([0xE2, 0x82, 0x41], "\u{FFFD}A"),
            ([0xF0, 0x9F, 0x98], "\u{FFFD}"),
            ([0xED, 0xA0, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}"),
            ([0xC0, 0xAF], "\u{FFFD}\u{FFFD}"),
            ([0xF4, 0x90, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
            ([0xE0, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}"),
        ]
        for (bytes, expected) in cases {
            #expect(UTF8Decoding.lossy(bytes) == expected, "\(bytes)")
            #expect(UTF8Decoding.strict(bytes) == nil)
        }
        #expect(UTF8Decoding.firstInvalidOffset([0x61, 0x62, 0xE2, 0x82]) == 2)
        #expect(UTF8Decoding.strict(Array("héllo 👍".utf8)) == "héllo 👍")
    }

    /// The validator (eight ASCII bytes at a time) agrees with the standard library's on texts
    /// of ASCII runs broken by random bytes and by valid scalars, at every alignment.
    @Test func firstInvalidOffsetAgreesWithTheStandardLibrary() {
        var generator = SeededGenerator(seed: 17)
        let scalars = Array("é中👍\u{7FF}\u{FFFF}\u{10FFFF}".utf8)
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(generator.next() % 6) {
                bytes += (0..<Int(generator.next() % 20)).map { _ in UInt8(0x20 + generator.next() % 0x5F) }
                switch generator.next() % 3 {
                case 0: bytes.append(UInt8(truncatingIfNeeded: generator.next()))
                case 1: bytes += scalars.prefix(Int(generator.next() % UInt64(scalars.count + 1)))
                default: bytes += Array("ж".utf8)
                }
            }
            let offset = UTF8Decoding.firstInvalidOffset(bytes)
            #expect((offset == nil) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
            if let offset {
                #expect(String(validating: bytes[..<offset], as: UTF8.self) != nil, "\(bytes)")
                #expect(UTF8Decoding.validSequenceLength(bytes, at: offset) == 0, "\(bytes)")
            }
        }
    }

    @Test func streamingDecoderHoldsBackIncompleteScalars() throws {
        // Token i is the single byte i.
        var decoder = StreamingTextDecoder { id in id < 256 ? ArraySlice([UInt8(id)]) : nil }
        var out: [String] = []
        for byte in Array("a👍é".utf8) { out.append(try decoder.push(TokenID(byte))) }
        #expect(out == ["a", "", "", "", "👍", "", "é"])
        #expect(try decoder.push(0xFF) == "\u{FFFD}")
        #expect(try decoder.push(0xE2) == "")
        #expect(try decoder.push(0x41) == "\u{FFFD}A")
        #expect(try decoder.push(0xF0) == "")
        #expect(decoder.pendingBytes == [0xF0])
        #expect(decoder.finish() == "\u{FFFD}")
        #expect(throws: UnknownTokenError(id: 999)) { try decoder.push(999) }
    }
}
