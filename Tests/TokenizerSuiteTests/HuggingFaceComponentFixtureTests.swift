import Foundation
import OrderedJSON
import Testing
import TokenizerSuite
import TokenizerSuiteTestSupport

/// Behaviours measured on tokenizers 0.23.3 by Fixtures/scripts/generate_hf_component_fixtures.py:
/// normalized added tokens, truncation and padding, and byte offsets through the normalizer.
struct HuggingFaceComponentFixtureTests {
    /// The base tokenizer.json and the variants (each the base with some top-level members replaced).
    static func variants() throws -> [(row: JSONObject, tokenizer: HuggingFaceTokenizer)] {
        let text = try String(contentsOf: FixturePaths.url("hf/components.jsonl"), encoding: .utf8)
        let rows = try text.split(separator: "\n").map { try JSONValue(parsing: String($0)) }
        guard case let .object(first)? = rows.first, case let .object(base)? = first["base"] else { throw FixtureError("no base row") }
        return try rows.dropFirst().map { value in
            guard case let .object(row) = value, case let .object(overrides)? = row["overrides"] else { throw FixtureError("bad row") }
            var file = base
            for (key, member) in overrides.entries { file[key] = member }
            let name = row["name"]?.stringValue ?? "?"
            let tokenizer = try HuggingFaceTokenizer(name: name, tokenizerJSON: Array(JSONValue.object(file).serialized.utf8), source: name)
            return (row, tokenizer)
        }
    }

    static func ids(_ value: JSONValue?) -> [UInt32] {
        (value?.arrayValue ?? []).compactMap { $0.intValue.map(UInt32.init) }
    }

    static func compare(_ got: HuggingFaceEncoding, _ want: JSONValue, _ label: String) {
        #expect(got.ids == ids(want["ids"]), "\(label) ids")
        #expect(got.typeIDs == ids(want["type_ids"]), "\(label) type ids")
        #expect(got.attentionMask.map(UInt32.init) == ids(want["attention_mask"]), "\(label) attention mask")
        #expect(got.specialTokensMask.map(UInt32.init) == ids(want["special_tokens_mask"]), "\(label) special tokens mask")
        let overflowing = want["overflowing"]?.arrayValue ?? []
        #expect(got.overflowing.count == overflowing.count, "\(label) overflowing windows")
        for (index, (window, expected)) in zip(got.overflowing, overflowing).enumerated() {
            compare(window, expected, "\(label) overflowing[\(index)]")
        }
    }

    @Test func truncationPaddingAndTemplatesMatchTheReference() throws {
        var checked = 0
        for (row, tokenizer) in try Self.variants() {
            let name = row["name"]?.stringValue ?? "?"
            for testCase in row["cases"]?.arrayValue ?? [] {
                let text = testCase["text"]?.stringValue ?? ""
                let add = testCase["add_special_tokens"]?.boolValue ?? true
                let policy = SpecialTokenPolicy(allowed: .all, addSpecialTokens: add)
                let label = "\(name) \(text.debugDescription) add=\(add)"
                if let error = testCase["error"]?.stringValue {
                    #expect(throws: TokenizerError.self, "\(label)") { try tokenizer.encodeForModel(text, policy: policy) }
                    if error.hasPrefix("Truncation error") {
                        do { _ = try tokenizer.encodeForModel(text, policy: policy) } catch {
                            #expect("\(error)".contains(error.localizedDescription.isEmpty ? "" : "Truncation error"), "\(label)")
                        }
                    }
                } else if let want = testCase["encoding"] {
                    Self.compare(try tokenizer.encodeForModel(text, policy: policy), want, label)
                    #expect(try tokenizer.encode(text, policy: policy) == Self.ids(want["ids"]), "\(label) encode")
                    #expect(try tokenizer.countTokens(text, policy: policy) == Self.ids(want["ids"]).count, "\(label) count")
                }
                checked += 1
            }
        }
        #expect(checked > 2_000)
    }

    @Test func normalizedAddedTokensDecodeAsTheReferenceStoresThem() throws {
        var checked = 0
        for (row, tokenizer) in try Self.variants() where row["decode"] != nil {
            for testCase in row["decode"]?.arrayValue ?? [] {
                let text = testCase["text"]?.stringValue ?? ""
                let ids = Self.ids(testCase["ids"])
                #expect(try tokenizer.encode(text, addSpecialTokens: false) == ids, "\(text.debugDescription)")
                #expect(try tokenizer.decode(ids, skipSpecialTokens: false) == testCase["decoded"]?.stringValue, "\(text.debugDescription)")
                #expect(try tokenizer.decode(ids, skipSpecialTokens: true) == testCase["decoded_skip"]?.stringValue, "\(text.debugDescription) skip")
                checked += 1
            }
            for (token, id) in row["token_to_id"]?.objectValue?.entries ?? [] {
                #expect(tokenizer.id(forToken: token) == id.intValue.map(UInt32.init), "token_to_id \(token)")
            }
            for (id, token) in row["id_to_token"]?.objectValue?.entries ?? [] {
                #expect(tokenizer.token(for: UInt32(id) ?? 0) == token.stringValue, "id_to_token \(id)")
            }
        }
        #expect(checked > 10)
    }

    @Test func byteOffsetsStartInTheCharacterTheReferenceNames() throws {
        let text = try String(contentsOf: FixturePaths.url("hf/offsets.jsonl"), encoding: .utf8)
        let rows = try text.split(separator: "\n").map { try JSONValue(parsing: String($0)) }
        #expect(rows.count > 20)
        for row in rows {
            let tokenizer = try HuggingFaceTokenizer.bundled(row["tokenizer"]?.stringValue ?? "")
            let input = row["text"]?.stringValue ?? ""
            let (ids, offsets) = try tokenizer.encodeWithOffsets(input, policy: SpecialTokenPolicy(allowed: .all))
            #expect(ids == Self.ids(row["ids"]), "\(input.debugDescription)")
            // A byte-level token may start inside a character; the reference names the character.
            let bytes = Array(input.utf8)
            let characterStarts = offsets.map { offset in
                var start = min(offset, bytes.count)
                while start > 0 && start < bytes.count && bytes[start] & 0xC0 == 0x80 { start -= 1 }
                return start
            }
            #expect(characterStarts == Self.ids(row["byte_starts"]).map(Int.init), "\(input.debugDescription)")
        }
    }
}
