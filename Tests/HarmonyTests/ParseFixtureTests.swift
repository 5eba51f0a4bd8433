import BytePairEncoding
import Foundation
import Testing
@testable import Harmony

/// Parses of completions compared with openai-harmony's.
struct ParseFixtureTests {
    let encoding = Fixture.encoding

    func parse(_ tokens: [TokenID], role: Role?, strict: Bool) -> Expected {
        Expected.ofText {
            try encoding.parseMessages(fromCompletionTokens: tokens, role: role, strict: strict).jsonString
        }
    }

    @Test func namedCompletionsParseExactly() throws {
        let records = try Fixture.records("parse.json")
        #expect(records.count >= 60)
        for record in records {
            let name = record["name"]?.stringValue ?? "?"
            let tokens = record["tokens"]?.tokenIDs ?? []
            for (key, expected) in record["results"]?.objectValue?.entries ?? [] {
                let parts = key.split(separator: "/")
                let role = Role(rawValue: String(parts[0]))
                let strict = parts[1] == "strict"
                #expect(parse(tokens, role: role, strict: strict) == Expected(expected), "\(name) \(key)")
            }
        }
    }

    @Test(arguments: Fixture.generatedFolders)
    func generatedCompletionsParseExactly(folder: URL) throws {
        let records = try Fixture.records("generated_completions.json", in: folder)
        #expect(records.count >= 200)
        var mismatches: [String] = []
        for (index, record) in records.enumerated() {
            let role = record["role"]?.stringValue.flatMap(Role.init(rawValue:))
            let strict = record["strict"]?.boolValue ?? true
            let actual = parse(record["tokens"]?.tokenIDs ?? [], role: role, strict: strict)
            let expected = Expected(record["result"])
            if actual != expected { mismatches.append("#\(index): expected \(expected), got \(actual)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(records.count) differ: \(mismatches.prefix(5))")
    }

    @Test func streamingSnapshotsMatchPerToken() throws {
        let records = try Fixture.records("stream.json")
        #expect(records.count >= 200)
        checkStreams(records)
    }

    @Test(arguments: Fixture.generatedFolders)
    func generatedStreamsMatchPerToken(folder: URL) throws {
        let records = try Fixture.records("generated_streams.json", in: folder)
        #expect(records.count >= 200)
        checkStreams(records)
    }

    func checkStreams(_ records: [JSONValue]) {
        for record in records {
            let name = "\(record["name"]?.stringValue ?? "?") role=\(record["role"]?.stringValue ?? "none") strict=\(record["strict"]?.boolValue ?? true)"
            var parser = encoding.streamableParser(
                role: record["role"]?.stringValue.flatMap(Role.init(rawValue:)), strict: record["strict"]?.boolValue ?? true)
            let tokens = record["tokens"]?.tokenIDs ?? []
            for (index, step) in (record["steps"]?.arrayValue ?? []).enumerated() {
                guard index < tokens.count else { Issue.record("\(name): more steps than tokens"); break }
                var failure: String?
                do { try parser.process(tokens[index]) } catch { failure = Self.message(of: error) }
                compare(parser, step, error: failure, "\(name) token #\(index)")
            }
            if let eos = record["eos"], eos != .null {
                var failure: String?
                do { try parser.processEOS() } catch { failure = Self.message(of: error) }
                compare(parser, eos, error: failure, "\(name) eos")
            }
            #expect(JSONValue.array(parser.messages.map(\.json)) == record["messages"], "\(name) messages")
            #expect(parser.tokens == record["parser_tokens"]?.tokenIDs, "\(name) tokens")
        }
    }

    static func message(of error: any Error) -> String {
        (error as? HarmonyError)?.message ?? "\(error)"
    }

    func compare(_ parser: StreamableParser, _ step: JSONValue, error: String?, _ label: String) {
        #expect(error == step["error"]?.stringValue, "\(label) error")
        #expect(parser.stateJSON.serialized == step["state"]?.serialized, "\(label) state")
        #expect(parser.currentRole?.rawValue == step["role"]?.stringValue, "\(label) role")
        #expect(parser.currentChannel == step["channel"]?.stringValue, "\(label) channel")
        #expect(parser.currentRecipient == step["recipient"]?.stringValue, "\(label) recipient")
        #expect(parser.currentContentType == step["content_type"]?.stringValue, "\(label) content type")
        #expect(parser.currentContent == step["content"]?.stringValue, "\(label) content")
        #expect(parser.lastContentDelta == step["delta"]?.stringValue, "\(label) delta")
        #expect(Double(parser.messages.count) == numberValue(step["messages"] ?? .null), "\(label) messages")
    }

    func numberValue(_ value: JSONValue) -> Double {
        if case let .number(number) = value { return number.doubleValue }
        return -1
    }

    @Test func constantsMatch() throws {
        let constants = try Fixture.load("constants.json")
        #expect(encoding.stopTokens.sorted() == constants["stop_tokens"]?.tokenIDs)
        #expect(encoding.stopTokensForAssistantActions.sorted() == constants["stop_tokens_for_assistant_actions"]?.tokenIDs)
        #expect(encoding.name == constants["name"]?.stringValue)
        for (id, text) in constants["special_texts"]?.objectValue?.entries ?? [] {
            let token = TokenID(id) ?? 0
            #expect(try encoding.decodeUTF8([token]) == text.stringValue, "\(id)")
        }
        for entry in constants["decode_utf8"]?.arrayValue ?? [] {
            let tokens = entry["tokens"]?.tokenIDs ?? []
            #expect(Expected.ofText { try encoding.decodeUTF8(tokens) } == Expected(entry["result"]), "\(tokens)")
        }
        for entry in constants["decode"]?.arrayValue ?? [] {
            let tokens = entry["tokens"]?.tokenIDs ?? []
            #expect(try encoding.decode(tokens) == entry["result"]?.stringValue, "\(tokens)")
        }
        for (id, flag) in constants["is_special"]?.objectValue?.entries ?? [] {
            #expect(encoding.isSpecialToken(TokenID(id) ?? 0) == flag.boolValue, "\(id)")
        }
    }
}
