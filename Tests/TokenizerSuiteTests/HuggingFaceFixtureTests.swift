import BytePairEncoding
import Foundation
import Testing
import TokenizerSuite

/// Golden cases generated from tokenizers 0.23.3 (`Fixtures/scripts/generate_hf_fixtures.py`) for
/// the bundled tokenizer.json tokenizers: ids, special-token handling and decoded text.
@Suite struct HuggingFaceFixtureTests {
    static let names = ["qwen3", "deepseek_v3"]

    @Test(arguments: names)
    func casesMatchTheReference(name: String) throws {
        let tokenizer = try HuggingFaceTokenizer.bundled(name)
        let rows = try Fixtures.rows("hf/cases.jsonl")
        #expect(rows.count > 700)
        for row in rows {
            let text = try row.string("text")
            let want = try row.object(name)
            #expect(try tokenizer.encode(text, addSpecialTokens: false) == want.ids("ids"), "\(name) \(text.debugDescription)")
            #expect(try tokenizer.encode(text, addSpecialTokens: true) == want.ids("ids_special"), "\(name) specials \(text.debugDescription)")
            #expect(try tokenizer.encode(text, addSpecialTokens: false, addedTokens: .nonSpecialOnly) == want.ids("ids_split_special"),
                    "\(name) split specials \(text.debugDescription)")
            #expect(try tokenizer.countTokens(text, policy: .huggingFaceDefault) == want.ids("ids_special").count)
            let ids = try want.ids("ids")
            #expect(Array(try tokenizer.decode(ids).utf8) == Array(try want.string("decoded").utf8), "\(name) decode \(ids)")
            #expect(Array(try tokenizer.decode(ids, skipSpecialTokens: true).utf8) == Array(try want.string("decoded_skip").utf8),
                    "\(name) decode skipping specials \(ids)")
        }
    }

    @Test func decodingArbitraryIDsMatchesTheReference() throws {
        for row in try Fixtures.rows("hf/decode.jsonl") {
            let tokenizer = try HuggingFaceTokenizer.bundled(try row.string("tokenizer"))
            let ids = try row.ids("ids")
            #expect(Array(try tokenizer.decode(ids).utf8) == Array(try row.string("decoded").utf8), "\(ids)")
            #expect(Array(try tokenizer.decode(ids, skipSpecialTokens: true).utf8) == Array(try row.string("decoded_skip").utf8), "\(ids)")
        }
    }

    @Test(arguments: names)
    func corpusMatchesTheReference(name: String) throws {
        let tokenizer = try HuggingFaceTokenizer.bundled(name)
        let rows = try Fixtures.rows("hf/corpus.jsonl")
        var bytes = 0
        for row in rows {
            let text = try row.string("text")
            let source = try row.string("source")
            bytes += text.utf8.count
            #expect(try tokenizer.encode(text, addSpecialTokens: false) == row.ids(name), "\(name) \(source)")
        }
        #expect(bytes >= 1_000_000)
    }
}
