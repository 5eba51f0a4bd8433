import ChatTemplates
import Harmony
import Testing
import TokenizerSuite

/// One generic loop drives every chat format's output parser through `StreamingOutputParser`.
@Suite struct OutputParserProtocolTests {
    /// What a generation loop does with any parser: feed the tokens, collect the deltas, finish.
    static func drive<Parser: StreamingOutputParser>(_ parser: inout Parser, _ tokens: [GeneratedToken]) throws -> [Parser.Delta] {
        var deltas: [Parser.Delta] = []
        for token in tokens { deltas += try parser.consume(token) }
        deltas += try parser.finish()
        return deltas
    }

    /// The tokens of `ids` with the text a streaming decoder gives each.
    static func generated(_ ids: [TokenID], _ tokenizer: any Tokenizer) throws -> [GeneratedToken] {
        var decoder = tokenizer.streamingDecoder()
        return try ids.map { GeneratedToken(id: $0, text: try decoder.push($0)) }
    }

    @Test func qwenAndHarmonyRunThroughTheSameLoop() throws {
        let qwen = try HuggingFaceTokenizer.bundled("qwen3")
        let completion = "<think>\nAdd them.\n</think>\n\n2 + 2 = 4<|im_end|>"
        var qwenParser = QwenOutputParser()
        let qwenDeltas = try Self.drive(&qwenParser, Self.generated(try qwen.encode(completion, policy: .markup), qwen))
        #expect(qwenParser.output.reasoningContent == "Add them.")
        #expect(qwenParser.output.content == "2 + 2 = 4")
        #expect(qwenDeltas.compactMap { if case let .content(text) = $0 { text } else { nil } }.joined() == "2 + 2 = 4")

        let encoding = try HarmonyEncoding.gptOss()
        let messages = [
            Message(role: .assistant, text: "Add them.").withChannel("analysis"),
            Message(role: .assistant, text: "2 + 2 = 4").withChannel("final"),
        ]
        let ids = try messages.flatMap { try encoding.render($0) }
        var harmonyParser = encoding.streamableParser(role: nil)
        let harmonyDeltas = try Self.drive(&harmonyParser, ids.map { GeneratedToken(id: $0) })
        #expect(harmonyParser.output == messages)
        let byChannel = Dictionary(grouping: harmonyDeltas, by: { $0.channel ?? "" }).mapValues { $0.map(\.text).joined() }
        #expect(byChannel == ["analysis": "Add them.", "final": "2 + 2 = 4"])
        #expect(harmonyDeltas.allSatisfy { $0.role == .assistant && $0.recipient == nil })
    }

    @Test func harmonyParseErrorsComeThroughTheProtocol() throws {
        let encoding = try HarmonyEncoding.gptOss()
        var parser = encoding.streamableParser(role: nil)
        let plain = try encoding.render(Message(role: .assistant, text: "hi")).dropFirst()
        #expect(throws: HarmonyError.self) { _ = try Self.drive(&parser, plain.map { GeneratedToken(id: $0) }) }
    }
}
