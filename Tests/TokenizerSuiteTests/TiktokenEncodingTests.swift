import BytePairEncoding
import Foundation
import Testing
@testable import TokenizerSuite

@Suite struct TiktokenEncodingTests {
    @Test func harmonyHasEveryTiktokenSpecialAndTheAlias() throws {
        let harmony = try TiktokenEncoding.bundled("o200k_harmony")
        #expect(harmony.specialTokens.count == 1091)
        #expect(harmony.vocabularySize == 201_088)
        #expect(harmony.specialTokens.id(of: "<|endofprompt|>") == 200_018)
        #expect(harmony.specialTokens.id(of: "<|reserved_200018|>") == 200_018)
        #expect(try harmony.decode([200_018]) == "<|endofprompt|>")
        #expect(try harmony.encode("<|reserved_200018|><|endofprompt|>", allowedSpecial: .all) == [200_018, 200_018])
        #expect(try harmony.encodeSingleToken("<|call|>") == 200_012)
        #expect(try harmony.encodeSingleToken(" world") == 2375)
        #expect(throws: TokenizerError.notASingleToken("hello world")) { try harmony.encodeSingleToken("hello world") }
    }

    @Test func unknownIDsAreNamed() throws {
        let encoding = try TiktokenEncoding.bundled("cl100k_base")
        #expect(throws: TokenizerError.unknownTokenID(100_261)) { try encoding.decodeBytes([15339, 100_261]) }
        #expect(throws: TokenizerError.unknownTokenID(4_000_000_000)) { try encoding.decode([4_000_000_000]) }
    }

    @Test func unknownEncodingListsTheNames() {
        #expect(throws: TokenizerError.unknownEncoding(name: "p50k", available: ["o200k_harmony", "o200k_base", "cl100k_base"])) {
            try TiktokenEncoding.bundled("p50k")
        }
    }

    @Test func missingVocabularyFolderIsAClearError() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("no-such-vocab-\(UUID())")
        do {
            _ = try BundledEncoding.cl100kBase.load(from: folder)
            Issue.record("loading from a missing folder succeeded")
        } catch let TokenizerError.unreadableFile(path, _) {
            #expect(path.hasSuffix("cl100k_base.tiktoken"))
        }
    }

    @Test func damagedVocabularyFailsItsChecksum() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("damaged-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("IQ== 0\n".utf8).write(to: folder.appendingPathComponent("cl100k_base.tiktoken"))
        #expect {
            try BundledEncoding.cl100kBase.load(from: folder)
        } throws: { error in
            guard case let TokenizerError.checksumMismatch(file, expected, _) = error else { return false }
            return file.hasSuffix("cl100k_base.tiktoken") && expected == BundledEncoding.cl100kBase.expectedSHA256
        }
    }

    @Test func malformedTiktokenFilesNameTheLine() {
        let cases: [(String, Int?, String)] = [
            ("IQ== 0\nIg== x\n", 2, "the rank is not a decimal number"),
            ("IQ== 0\n\nnot-base64 1\n", 3, "the token is not valid non-empty base64"),
            ("IQ==0\n", 1, "expected `BASE64 RANK`, found no space"),
            ("IQ== 0\nIQ== 1\n", nil, "entry 1 (rank 1): the same bytes already have another rank"),
            ("IQ== 0\nIg== 0\n", nil, "entry 1: rank 0 is given twice"),
        ]
        for (text, line, reason) in cases {
            #expect(throws: TokenizerError.malformedVocabulary(source: "test.tiktoken", line: line, reason: reason)) {
                try TiktokenFile.parse(Data(text.utf8), source: "test.tiktoken")
            }
        }
    }

    @Test func aVocabularyWithoutEveryByteIsRejected() throws {
        let ranks = try MergeableRanks([([0x61], 0), ([0x62], 1)])
        #expect(throws: TokenizerError.self) {
            try TiktokenEncoding(name: "tiny", pattern: ".", ranks: ranks, specialTokens: .none)
        }
    }

    @Test func sha256MatchesKnownDigests() {
        #expect(Array("".utf8).withUnsafeBytes { SHA256.hexDigest($0) } == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Array("abc".utf8).withUnsafeBytes { SHA256.hexDigest($0) } == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(million.withUnsafeBytes { SHA256.hexDigest($0) } == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func streamingDecoderEmitsOnlyCompleteScalars() throws {
        let encoding = try TiktokenEncoding.bundled("o200k_harmony")
        let text = "emoji 👍🏽 and 中文 and é"
        // Feed the UTF-8 bytes of the text as single-byte tokens: every multi-byte scalar is split.
        let byteIDs = text.utf8.compactMap { encoding.ranks.rank(of: [$0]) }
        #expect(byteIDs.count == text.utf8.count)
        var decoder = encoding.streamingDecoder()
        var pieces: [String] = []
        for id in byteIDs { pieces.append(try decoder.push(id)) }
        pieces.append(decoder.finish())
        #expect(pieces.joined() == text)
        #expect(pieces.allSatisfy { piece in piece.unicodeScalars.allSatisfy { $0 != "\u{FFFD}" } })
        #expect(pieces.filter { !$0.isEmpty }.count < byteIDs.count)
        // An incomplete scalar at the end becomes U+FFFD.
        var broken = encoding.streamingDecoder()
        #expect(try broken.push(byteIDs[6]) == "")
        #expect(broken.finish() == "\u{FFFD}")
        #expect(throws: UnknownTokenError(id: 300_000)) { try broken.push(300_000) }
    }

    @Test func batchEncodingKeepsInputOrder() throws {
        let encoding = try TiktokenEncoding.bundled("cl100k_base")
        let texts = (0..<200).map { "document \($0): " + String(repeating: "word\($0) ", count: $0 % 17) }
        let batch = try encoding.encodeOrdinaryBatch(texts)
        #expect(batch == (try texts.map { try encoding.encodeOrdinary($0) }))
        #expect(throws: TokenizerError.disallowedSpecialToken("<|endoftext|>")) {
            try encoding.encodeBatch(["fine", "bad <|endoftext|>"])
        }
    }

    @Test func anyLengthEncodesAndRoundTrips() throws {
        let encoding = try TiktokenEncoding.bundled("o200k_harmony")
        for text in [String(repeating: " ", count: 1_000_000), String(repeating: "a", count: 10_000_000),
                     String(repeating: "A", count: 2_000_000) + "b", "x" + String(repeating: "\n", count: 1_000_000)] {
            let ids = try encoding.encodeOrdinary(text)
            #expect(ids.count < text.utf8.count / 4)
            #expect(try encoding.decodeBytes(ids) == Array(text.utf8))
        }
    }
}
