import BytePairEncoding
import Foundation
import Testing
import TokenizerSuite

/// Every golden case generated from tiktoken 0.14.0 must give the same ids, offsets and text.
@Suite struct TiktokenFixtureTests {
    static let encodings = ["o200k_harmony", "o200k_base", "cl100k_base"]

    @Test(arguments: ["ordinary.jsonl", "corpus.jsonl"])
    func encodeOrdinaryMatchesTiktoken(file: String) throws {
        let rows = try Fixtures.rows("tiktoken/\(file)")
        #expect(rows.count > 100)
        var checked = 0
        for row in rows {
            let text = try row.string("text")
            let expected = try row.object("ids")
            for name in Self.encodings {
                guard let want = expected[name] as? [NSNumber] else { continue }
                let encoding = try Fixtures.encoding(name)
                let got = try encoding.encodeOrdinary(text)
                #expect(got == want.map(\.uint32Value), "\(name) \(text.debugDescription)")
                checked += 1
            }
        }
        #expect(checked >= rows.count * 2)
    }

    @Test func offsetsCountsAndRoundTripsAgreeWithTheReferenceIDs() throws {
        let rows = try Fixtures.rows("tiktoken/ordinary.jsonl")
        for name in Self.encodings {
            let encoding = try Fixtures.encoding(name)
            for row in rows.prefix(1500) {
                let text = try row.string("text")
                let want = try row.object("ids").ids(name)
                var offset = 0
                var expectedOffsets: [Int] = []
                for id in want {
                    expectedOffsets.append(offset)
                    offset += try encoding.decodeSingleTokenBytes(id).count
                }
                let encoded = try encoding.encodeWithOffsets(text, policy: .untrusted)
                #expect(encoded.ids == want)
                #expect(encoded.byteOffsets == expectedOffsets, "\(name) \(text.debugDescription)")
                #expect(try encoding.countTokens(text, policy: .untrusted) == want.count)
                #expect(try encoding.decode(want).utf8.elementsEqual(text.utf8))
            }
        }
    }

    @Test func specialTokenMatrixMatchesTiktoken() throws {
        let rows = try Fixtures.rows("tiktoken/special.jsonl")
        #expect(rows.count > 100)
        for row in rows {
            let encoding = try Fixtures.encoding(try row.string("encoding"))
            let text = try row.string("text")
            let allowed = selection(row["allowed"])
            let disallowed = selection(row["disallowed"])
            if let error = row["error"] as? String {
                #expect(throws: TokenizerError.disallowedSpecialToken(error)) {
                    try encoding.encode(text, allowedSpecial: allowed, disallowedSpecial: disallowed)
                }
            } else {
                let got = try encoding.encode(text, allowedSpecial: allowed, disallowedSpecial: disallowed)
                #expect(got == (try row.ids("ids")), "\(text) allowed \(allowed) disallowed \(disallowed)")
            }
        }
    }

    private func selection(_ value: Any?) -> SpecialTokenSelection {
        switch value {
        case let text as String: return text == "all" ? .all : .none
        case let list as [String]: return .only(Set(list))
        default: return .none
        }
    }

    @Test func decodingMatchesPython() throws {
        let rows = try Fixtures.rows("tiktoken/decode.jsonl")
        #expect(rows.count > 100)
        for row in rows {
            let encoding = try Fixtures.encoding(try row.string("encoding"))
            let ids = try row.ids("ids")
            let bytes = try encoding.decodeBytes(ids)
            #expect(bytes.map { String(format: "%02x", $0) }.joined() == (try row.string("hex")))
            #expect(try encoding.decodeLossy(ids).utf8.elementsEqual((try row.string("lossy")).utf8))
            if let strict = row["strict"] as? String {
                #expect(try encoding.decode(ids).utf8.elementsEqual(strict.utf8))
            } else {
                #expect(throws: TokenizerError.self) { try encoding.decode(ids) }
            }
        }
    }

    @Test func longRepeatedRunsMatchTiktoken() throws {
        let rows = try Fixtures.rows("tiktoken/repeat.jsonl")
        for row in rows {
            let unit = try row.string("unit")
            guard let count = row["count"] as? Int else { throw FixtureError("count") }
            let text = (try row.string("prefix")) + String(repeating: unit, count: count) + (try row.string("suffix"))
            for (name, summary) in try row.object("ids") {
                guard let summary = summary as? [String: Any] else { continue }
                let ids = try Fixtures.encoding(name).encodeOrdinary(text)
                var hash = TokenIDDigest()
                ids.forEach { hash.combine($0) }
                #expect(ids.count == summary["count"] as? Int, "\(name) \(unit.debugDescription) x\(count)")
                #expect(hash.hexDigest == summary["fnv1a64"] as? String, "\(name) \(unit.debugDescription) x\(count)")
                #expect(Array(ids.prefix(16)) == (try summary.ids("head")))
            }
        }
    }

    @Test func modelNamesMapToTheirEncodingsAsInTiktoken() throws {
        let rows = try Fixtures.rows("tiktoken/models.jsonl")
        #expect(rows.count > 50)
        for row in rows {
            let model = try row.string("model")
            #expect(ModelEncodings.encodingName(forModel: model) == row["encoding"] as? String, "\(model)")
            #expect(TokenizerRegistry.tokenizerName(forModel: model) == row["encoding"] as? String || row["encoding"] is NSNull, "\(model)")
        }
        #expect(TokenizerRegistry.tokenizerName(forModel: "Qwen/Qwen3-0.6B") == "qwen3")
        #expect(TokenizerRegistry.tokenizerName(forModel: "deepseek-ai/DeepSeek-V3") == "deepseek_v3")
        #expect(TokenizerRegistry.tokenizerName(forModel: "llama-3") == nil)
    }
}
