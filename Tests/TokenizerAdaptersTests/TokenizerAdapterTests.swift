import ChatTemplates
import Foundation
import TokenizerAdapters
import TokenizerSuite
import TokenizerSuiteTestSupport
import Testing

/// The adapter through the copied consumer protocols, against the references' fixtures:
/// tiktoken's and tokenizers' ids (Fixtures/tiktoken, Fixtures/hf) and transformers' chat renders
/// (Fixtures/chat/renders.jsonl).
@Suite struct TokenizerAdapterTests {
    static func jsonLines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOf: FixturePaths.url(path), encoding: .utf8).split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// Encodes through the mlx-swift-lm shape only.
    func encodeAsMLX(_ tokenizer: some MLXLMTokenizer, _ text: String) -> [Int] { tokenizer.encode(text: text, addSpecialTokens: true) }

    @Test func encodeMatchesEachReferencesDefault() throws {
        let o200k = try TokenizerAdapter.load(.bundled("o200k_harmony"))
        let qwen3 = try TokenizerAdapter.load(.bundled("qwen3"))
        for row in try Self.jsonLines("tiktoken/corpus.jsonl").prefix(40) {
            let text = try #require(row["text"] as? String)
            let ids = try #require((row["ids"] as? [String: Any])?["o200k_harmony"] as? [Int])
            #expect(encodeAsMLX(o200k, text) == ids)  // special-token text as ordinary text: encode_ordinary
            #expect(o200k.encode(text: text) == ids)
        }
        for row in try Self.jsonLines("hf/corpus.jsonl").prefix(40) {
            let text = try #require(row["text"] as? String)
            let ids = try #require(row["qwen3"] as? [Int])
            #expect(qwen3.encode(text: text) == ids)
            #expect(qwen3(text) == ids)
            #expect(qwen3.tokenize(text: text) == ids.map { qwen3.convertIdToToken($0) ?? "?" })
        }
    }

    @Test func decodeVocabularyAndRoles() throws {
        let qwen3 = try TokenizerAdapter.load(.bundled("qwen3"))
        #expect(qwen3.convertTokenToId("<|im_start|>") == 151644)
        #expect(qwen3.convertTokensToIds(["Hello", "no such token"]) == [9707, nil])
        #expect(qwen3.convertIdsToTokens([9707, -1, 1 << 40]) == ["Hello", nil, nil])
        #expect(qwen3.decode(tokens: [9707, 151644, 999_999_999, -5]) == "Hello<|im_start|>")  // unknown ids left out
        #expect(qwen3.decode(tokenIds: [9707, 151644], skipSpecialTokens: true) == "Hello")
        #expect(qwen3.eosToken == "<|im_end|>" && qwen3.eosTokenId == 151645)
        #expect(qwen3.bosToken == nil && qwen3.unknownToken == nil)
        let deepseek = try TokenizerAdapter.load(.bundled("deepseek_v3"))
        #expect(deepseek.bosToken == "<｜begin▁of▁sentence｜>" && deepseek.bosTokenId == 0)
        let cl100k = try TokenizerAdapter.load(.bundled("cl100k_base"))
        #expect(cl100k.decode(tokens: [9468, 236]) == "\u{FFFD}")  // half an emoji: lossy
        #expect(cl100k.eosToken == "<|endoftext|>")
        #expect(!cl100k.hasChatTemplate)
        #expect(throws: ChatTemplateError.self) { try cl100k.applyChatTemplate(messages: [["role": "user", "content": "hi"]]) }
    }

    /// transformers' renders of the bundled templates for conversations without tools (their key
    /// order does not matter): the adapter's ids equal the sanitised ids.
    @Test(arguments: ["qwen3", "deepseek_v3"])
    func applyChatTemplateMatchesTransformers(template: String) throws {
        let adapter = try TokenizerAdapter.load(.bundled(template))
        #expect(adapter.hasChatTemplate)
        let document = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: FixturePaths.url("chat/conversations.json"))) as? [String: Any])
        let conversations = try #require(document["conversations"] as? [String: [[String: any Sendable]]])
        let extras = try #require(document["extras"] as? [String: [String: any Sendable]])
        var checked = 0
        for row in try Self.jsonLines("chat/renders.jsonl") where row["template"] as? String == template {
            let options = try #require(row["options"] as? [String: Any])
            guard options["tools"] as? String == "none", options["add_generation_prompt"] as? Bool == true,
                  let extra = options["extra"] as? String, extra == "none" || extra == "thinking_off",
                  let name = row["conversation"] as? String, let messages = conversations[name],
                  messages.allSatisfy({ Set($0.keys).isSubset(of: ["role", "content"]) }),
                  let expected = row["sanitized_ids"] as? [String: Any], let count = expected["count"] as? Int
            else { continue }
            let context = extra == "none" ? nil : extras[extra]
            let ids = try (adapter as any MLXLMTokenizer).applyChatTemplate(messages: messages, tools: nil, additionalContext: context)
            #expect(ids.count == count, "\(template) \(name) \(extra)")
            #expect(Self.fnv(ids) == expected["fnv"] as? String, "\(template) \(name) \(extra)")
            checked += 1
        }
        #expect(checked >= 4)
    }

    @Test func theLongestSwiftTransformersFormChoosesTemplateAndLength() throws {
        let adapter = try TokenizerAdapter.load(.bundled("qwen3"))
        let messages: [[String: any Sendable]] = [["role": "user", "content": "Hi <|im_start|>"]]
        let full = try adapter.applyChatTemplate(messages: messages)
        // Control-token text in a message stays text: one <|im_start|> per turn header only.
        #expect(full.filter { $0 == 151644 }.count == 2)
        let shape: any SwiftTransformersTokenizer = adapter
        #expect(try shape.applyChatTemplate(messages: messages, chatTemplate: nil, addGenerationPrompt: true, truncation: true, maxLength: 5, tools: nil) == Array(full.prefix(5)))
        let literal = try shape.applyChatTemplate(messages: messages, chatTemplate: "{% for m in messages %}{{ m.content }}{% endfor %}")
        #expect(!literal.contains(151644))
        #expect(adapter.decode(tokens: literal) == "Hi <|im_start|>")
        #expect(throws: ChatTemplateError.self) {
            try adapter.applyChatTemplate(messages: [["role": "user", "content": Date()]], tools: nil, additionalContext: nil)
        }
    }

    static func fnv(_ ids: [Int]) -> String {
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        for id in ids {
            for shift in stride(from: 0, to: 32, by: 8) { state = (state ^ UInt64((id >> shift) & 0xFF)) &* 0x100_0000_01b3 }
        }
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
