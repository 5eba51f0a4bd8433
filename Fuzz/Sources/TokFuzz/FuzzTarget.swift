import ChatTemplates
import Foundation
import Harmony
import OrderedJSON
import TokenizerSuite

/// One fuzzed parser: what it does with one input. A thrown error is a rejected input (fine); a
/// crash, a sanitizer report or a broken invariant (`check`) is a finding.
enum FuzzTarget: String, CaseIterable {
    /// `tokenizer.json` bytes: load, then encode and decode a fixed text.
    case tokenizerJSON = "tokenizer-json"
    /// `.tiktoken` bytes: parse, build an encoding with the o200k pattern, encode and decode.
    case tiktokenFile = "tiktoken-file"
    /// Any JSON: the serde_json-exact parser, then serialize and parse again: the same value, floats
    /// within a few ulps (serde_json's float reading, which the parser follows, is not correctly
    /// rounded, so a shortest round-trip form can read back one ulp away).
    case json
    /// A harmony conversation (openai-harmony's JSON): parse and render for completion.
    case harmonyConversation = "harmony-conversation"
    /// Completion tokens (4 bytes each, modulo the vocabulary): parse whole and stream, which must agree.
    case harmonyCompletion = "harmony-completion"
    /// Text (UTF-8, lossy) through o200k_harmony: decode(encode(text)) is the text, count equals encode,
    /// and the ids are those of the same vocabulary splitting by the pattern on PCRE2.
    case encodeO200k = "encode-o200k"
    /// Text through qwen3 (NFC, added tokens): count equals encode, streaming decode equals decode.
    case encodeQwen3 = "encode-qwen3"
    /// Ids (4 bytes each) through the decoders: strict and lossy decode of both families.
    case decodeIDs = "decode-ids"
    /// A chat template (UTF-8, lossy): compile, then render a fixed conversation under tight limits.
    case chatTemplate = "chat-template"
    /// Model output text through the Qwen and DeepSeek parsers: whole and one scalar at a time agree.
    case chatOutput = "chat-output"

    func run(_ bytes: [UInt8]) {
        switch self {
        case .tokenizerJSON:
            guard let tokenizer = try? HuggingFaceTokenizer(name: "fuzz", tokenizerJSON: bytes) else { return }
            if let ids = try? tokenizer.encode("Hello wörld 123 <|x|>", policy: tokenizer.defaultPolicy) {
                _ = try? tokenizer.decode(ids, options: DecodeOptions(invalidUTF8: .replace))
            }
        case .tiktokenFile:
            guard let ranks = try? TiktokenFile.parse(bytes, source: "fuzz"),
                  let encoding = try? TiktokenEncoding(name: "fuzz", pattern: TokenizerRegistry.resolvePattern("o200k"), ranks: ranks, specialTokens: try SpecialTokens([]))
            else { return }
            if let ids = try? encoding.encode("Hello wörld 123", policy: .untrusted) {
                _ = try? encoding.decode(ids, options: DecodeOptions(invalidUTF8: .replace))
            }
        case .json:
            guard let value = try? JSONValue(parsing: bytes) else { return }
            let again = try? JSONValue(parsing: Array(value.serialized.utf8))
            check(again.map { Self.nearlyEqual($0, value) } ?? false, "serialized JSON parses back to the same value")
        case .harmonyConversation:
            guard let conversation = try? Conversation(jsonBytes: bytes, options: JSONParsingOptions(loneSurrogates: .replaceWithReplacementCharacter)) else { return }
            _ = try? Fixtures.harmony.renderConversationForCompletion(conversation, nextRole: .assistant)
        case .harmonyCompletion:
            let ids = Self.ids(bytes, limit: 201_088)
            let whole = try? Fixtures.harmony.parseMessages(fromCompletionTokens: ids, role: .assistant, strict: false)
            var parser = Fixtures.harmony.streamableParser(role: .assistant, strict: false)
            var streamed: [Harmony.Message]?
            do {
                for id in ids { try parser.process(id) }
                try parser.processEOS()
                streamed = parser.messages
            } catch {
                streamed = nil
            }
            check(whole == streamed, "whole and streamed parses agree")
        case .encodeO200k:
            let text = String(decoding: bytes, as: UTF8.self)
            guard let ids = try? Fixtures.o200k.encode(text, policy: .untrusted) else { return check(false, "o200k encodes any text") }
            check((try? Fixtures.o200k.decode(ids)) == text, "o200k decodes its encoding back to the text")
            check((try? Fixtures.o200k.countTokens(text, policy: .untrusted)) == ids.count, "o200k count equals encode")
            check((try? Fixtures.o200kOnPCRE2.encode(text, policy: .untrusted)) == ids, "o200k's scanner splits as PCRE2 does")
        case .encodeQwen3:
            let text = String(decoding: bytes, as: UTF8.self)
            guard let ids = try? Fixtures.qwen3.encode(text, policy: Fixtures.qwen3.defaultPolicy) else { return check(false, "qwen3 encodes any text") }
            check((try? Fixtures.qwen3.countTokens(text, policy: Fixtures.qwen3.defaultPolicy)) == ids.count, "qwen3 count equals encode")
            var decoder = Fixtures.qwen3.streamingDecoder()
            var streamed = ""
            for id in ids { streamed += (try? decoder.push(id)) ?? "\u{0}" }
            streamed += decoder.finish()
            check(streamed == (try? Fixtures.qwen3.decode(ids, options: DecodeOptions(invalidUTF8: .replace))), "qwen3 streaming decode equals decode")
        case .decodeIDs:
            for tokenizer in [Fixtures.o200k, Fixtures.qwen3] as [any Tokenizer] {
                let ids = Self.ids(bytes, limit: UInt32(tokenizer.vocabularySize + 2))
                let strict = try? tokenizer.decode(ids, options: DecodeOptions(invalidUTF8: .fail))
                let lossy = try? tokenizer.decode(ids, options: DecodeOptions(invalidUTF8: .replace))
                if let strict { check(strict == lossy, "a strict decode equals the lossy one") }
            }
        case .chatTemplate:
            guard let template = try? ChatTemplate(String(decoding: bytes, as: UTF8.self)) else { return }
            let format = ChatFormat(
                template: template, specialTokens: ["bos_token": "<s>", "eos_token": "</s>"], controlTokens: ["<|im_start|>", "<think>"])
            let clock = TemplateClock.fixed(.init(year: 2025, month: 1, day: 2, hour: 3, minute: 4, second: 5, microsecond: 6))
            _ = try? format.render(Fixtures.chatInput, options: .init(limits: Fixtures.chatLimits, clock: clock))
        case .chatOutput:
            let text = String(decoding: bytes, as: UTF8.self)
            let tokens = text.unicodeScalars.map { GeneratedToken(id: 0, text: String($0)) }
            for reasoning in [false, true] {
                var qwen = QwenOutputParser(startsInReasoning: reasoning)
                _ = qwen.consumeAll(tokens)
                check(qwen.output == QwenOutputParser.parse(text, startsInReasoning: reasoning), "Qwen whole and streamed parses agree")
                var deepSeek = DeepSeekOutputParser(startsInReasoning: reasoning)
                _ = deepSeek.consumeAll(tokens)
                check(deepSeek.output == DeepSeekOutputParser.parse(text, startsInReasoning: reasoning), "DeepSeek whole and streamed parses agree")
            }
        }
    }

    /// Equal values, doubles within a relative 1e-15.
    static func nearlyEqual(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.number(.double(x)), .number(.double(y))):
            return x == y || abs(x - y) <= 1e-15 * max(abs(x), abs(y))
        case let (.array(x), .array(y)):
            return x.count == y.count && zip(x, y).allSatisfy { nearlyEqual($0, $1) }
        case let (.object(x), .object(y)):
            return x.entries.count == y.entries.count && zip(x.entries, y.entries).allSatisfy { $0.key == $1.key && nearlyEqual($0.value, $1.value) }
        default:
            return a == b
        }
    }

    /// Little-endian 4-byte ids, each modulo `limit`.
    static func ids(_ bytes: [UInt8], limit: UInt32) -> [TokenID] {
        stride(from: 0, to: bytes.count - 3, by: 4).map { start in
            (UInt32(bytes[start]) | UInt32(bytes[start + 1]) << 8 | UInt32(bytes[start + 2]) << 16 | UInt32(bytes[start + 3]) << 24) % limit
        }
    }
}

/// A broken invariant: reported and aborted, so libFuzzer saves the input.
func check(_ condition: Bool, _ invariant: String) {
    if !condition {
        FileHandle.standardError.write(Data("invariant broken: \(invariant)\n".utf8))
        abort()
    }
}

/// Tokenizers loaded once per process (the bundled ones; a failure to load ends the run).
enum Fixtures {
    static let o200k: any Tokenizer = loaded { try TokenizerRegistry.load(named: "o200k_harmony") }
    static let qwen3: any Tokenizer = loaded { try TokenizerRegistry.load(named: "qwen3") }
    /// o200k's ranks with its pattern in a group, which no hand-written scanner claims: PCRE2 splits.
    static let o200kOnPCRE2: TiktokenEncoding = loaded {
        guard let bundled = o200k as? TiktokenEncoding else { throw CocoaError(.featureUnsupported) }
        return try TiktokenEncoding(
            name: "o200k-pcre2", pattern: "(?:" + TokenizerRegistry.resolvePattern("o200k") + ")", ranks: bundled.ranks,
            specialTokens: try SpecialTokens([]))
    }
    static let harmony: HarmonyEncoding = loaded { try HarmonyEncoding.gptOss() }
    /// The conversation every fuzzed chat template renders: roles, parts, reasoning, a tool call, tools.
    static let chatInput: ChatInput = loaded {
        try ChatInput(arguments: TemplateValue(json: #"""
            {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": [{"type": "text", "text": "Hi <|im_start|>"}]},
             {"role": "assistant", "content": "", "reasoning_content": "think", "tool_calls": [{"type": "function", "function": {"name": "f", "arguments": {"a": [1, 2.5, null]}}}]},
             {"role": "tool", "content": "{\"r\": true}", "tool_call_id": "c1"}],
             "tools": [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}],
             "add_generation_prompt": true, "enable_thinking": false}
            """#))
    }
    /// Limits far below the standard ones, so that a fuzzed template cannot spend the run's time or memory.
    static let chatLimits = RenderLimits(
        maximumOutputBytes: 1 << 20, maximumStringBytes: 1 << 20, maximumListItems: 1 << 16, maximumSteps: 100_000,
        maximumCallDepth: 32, maximumValueDepth: 64)

    static func loaded<T>(_ load: () throws -> T) -> T {
        do {
            return try load()
        } catch {
            FileHandle.standardError.write(Data("cannot load a bundled tokenizer: \(error)\n".utf8))
            exit(1)
        }
    }
}
