import ArgumentParser
import ChatTemplates
import Foundation
import OrderedJSON
import TokenizerSuite

/// `tok chat`: render conversations with a model's Jinja chat template (as transformers 5.24's
/// `apply_chat_template`) and parse Qwen3 / DeepSeek output back into an assistant message.
struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Render conversations with a model's chat template; parse Qwen3 and DeepSeek output into messages.",
        discussion: """
            The tokenizer is a tokenizer.json one (--encoding qwen3|deepseek_v3, or --tokenizer DIR, whose folder \
            holds tokenizer_config.json or chat_template.jinja). gpt-oss (o200k_harmony) uses the harmony format, \
            which has no Jinja template here: use tok harmony.
            """,
        subcommands: [Render.self, Parse.self, Stream.self]
    )

    /// `tok chat render`: conversations to prompt text and ids.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "render",
            abstract: "Render a conversation (JSON) to the prompt text and ids.",
            discussion: """
                The input is apply_chat_template's arguments as one object: {"messages": [...], "tools": [...], \
                "add_generation_prompt": true, "continue_final_message": false, ...}; every other member is a \
                template variable ("enable_thinking": false). Control-token text in messages, tools and variables \
                stays text (transformers' sanitize_control_tokens=True) unless --no-sanitize. With --input jsonl, \
                one output line per input line; a line that fails prints {"error": "..."} and the exit status \
                is 1 after all lines are written.
                """
        )

        enum InputFormat: String, ExpressibleByArgument, CaseIterable { case json, jsonl }
        enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case json, ids, text }

        @OptionGroup var tokenizerOptions: TokenizerOptions

        @Option(name: .long, help: "json (one object) or jsonl (one object per line).")
        var input: InputFormat = .json

        @Option(name: .long, help: "json ({\"text\": ..., \"ids\": [...]}), ids (space-separated) or text (with --input jsonl: a JSON string per line).")
        var output: OutputFormat = .json

        @Flag(name: .long, help: "Let control-token text from the input become control tokens (transformers' default, sanitize_control_tokens=False).")
        var noSanitize = false

        @Argument(help: "The input file ('-' or nothing: standard input).")
        var file: String?

        func run() throws {
            var setup = try ChatSetup(tokenizerOptions)
            let data = try readInput(file)
            let source = file.flatMap { $0 == "-" ? nil : $0 } ?? "standard input"
            switch input {
            case .json:
                let text = try decodeText(data, source: source, lossy: false)
                writeOut(try render(text, setup: &setup, lines: false))
            case .jsonl:
                var failed = 0
                var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                if lines.last?.isEmpty == true { lines.removeLast() }
                for (index, line) in lines.enumerated() {
                    do {
                        let text = try decodeText(Data(line.utf8), source: "\(source) line \(index + 1)", lossy: false)
                        writeOut(try render(text, setup: &setup, lines: true))
                    } catch let error as InputError {
                        failed += 1
                        writeOut(JSONValue.object(JSONObject([("error", .string(error.message))])).serialized + "\n")
                    } catch let error as TokenizerError {
                        failed += 1
                        writeOut(JSONValue.object(JSONObject([("error", .string("\(error)"))])).serialized + "\n")
                    }
                }
                if failed > 0 { throw InputError("\(failed) of \(lines.count) lines failed") }
            }
        }

        /// One input's output (with its line end).
        private func render(_ text: String, setup: inout ChatSetup, lines: Bool) throws -> String {
            let chatInput = try ChatSetup.chat {
                try ChatInput(arguments: TemplateValue(jsonBytes: Array(text.utf8), options: .pythonJSON))
            }
            let chat = try setup.chatTokenizer(for: chatInput)
            if output == .text {
                let rendered = try ChatSetup.chat { try chat.format.render(chatInput, sanitizeControlTokens: !noSanitize) }
                return lines ? JSONValue.string(rendered.text).serialized + "\n" : rendered.text
            }
            let encoded = try ChatSetup.chat { try chat.encode(chatInput, sanitizeControlTokens: !noSanitize) }
            switch output {
            case .ids:
                return formatIDs(encoded.ids) + "\n"
            case .json, .text:
                let ids = JSONValue.array(encoded.ids.map { .number(.unsigned(UInt64($0))) })
                return JSONValue.object(JSONObject([("text", .string(encoded.rendered.text)), ("ids", ids)])).serialized + "\n"
            }
        }
    }

    /// The text token `position` (counted from 1) adds to the output.
    /// - Throws: `InputError` naming the token when the vocabulary does not have it.
    static func text(of id: TokenID, at position: Int, _ decoder: inout StreamingTextDecoder, _ setup: ChatSetup) throws -> String {
        do {
            return try decoder.push(id)
        } catch {
            throw InputError("token \(position): \(id) is not a token id of \(setup.tokenizer.name) (vocabulary size \(setup.tokenizer.vocabularySize))")
        }
    }

    /// Options shared by `parse` and `stream`.
    struct ParserOptions: ParsableArguments {
        @Option(name: .long, help: "The output format: qwen3 (also QwQ, Qwen2.5 Hermes tool calls) or deepseek_v3 (also V3.1, R1); default: the tokenizer's family.")
        var parser: ChatSetup.ParserFamily?

        @Flag(name: .long, help: "The prompt ended with an open <think> block (QwQ, DeepSeek-R1): the output starts with reasoning.")
        var startsInReasoning = false

        @Option(name: .long, help: "Read whitespace-separated ids from this file instead of standard input.")
        var file: String?
    }

    /// `tok chat parse`: completion ids to one assistant message.
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parse",
            abstract: "Parse completion ids into an OpenAI-style assistant message (JSON).",
            discussion: """
                Prints {"role": "assistant", "content": ..., "reasoning_content": ..., "tool_calls": [...]} \
                (arguments as a JSON string). Malformed output (an unclosed <think>, broken tool-call JSON) keeps \
                its text in the message; each problem is named on standard error as a warning.
                """
        )

        @OptionGroup var tokenizerOptions: TokenizerOptions
        @OptionGroup var parserOptions: ParserOptions

        func run() throws {
            let setup = try ChatSetup(tokenizerOptions)
            let ids = try readIDs(arguments: [], file: parserOptions.file)
            let family = try parserOptions.parser ?? setup.inferredParser()
            let message: ParsedAssistantMessage
            switch family {
            case .qwen3: message = try parse(QwenOutputParser(startsInReasoning: parserOptions.startsInReasoning), ids, setup)
            case .deepseekV3: message = try parse(DeepSeekOutputParser(startsInReasoning: parserOptions.startsInReasoning), ids, setup)
            }
            for problem in message.problems { writeError("tok: warning: \(problem)\n") }
            writeOut(message.openAIMessage.jsonValue.serialized + "\n")
        }

        private func parse<Parser: ReasoningAssistantParser>(_ parser: Parser, _ ids: [TokenID], _ setup: ChatSetup) throws -> ParsedAssistantMessage {
            var parser = parser
            var decoder = setup.tokenizer.streamingDecoder()
            for (index, id) in ids.enumerated() {
                _ = parser.consume(GeneratedToken(id: id, text: try ChatCommand.text(of: id, at: index + 1, &decoder, setup)))
            }
            if let last = ids.last, case let rest = decoder.finish(), !rest.isEmpty { _ = parser.consume(GeneratedToken(id: last, text: rest)) }
            _ = parser.finish()
            return parser.output
        }
    }

    /// `tok chat stream`: the streaming parser, one JSON line per token.
    struct Stream: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stream",
            abstract: "Feed ids (standard input or --file, any chunking) to the streaming parser; print one JSON line per token.",
            discussion: """
                Each line has the token, the text it decoded to, the parser's phase (content, reasoning, tool_call, \
                done) and its deltas: {"type": "reasoning"|"content", "text"}, {"type": "tool_call", "index"}, \
                {"type": "tool_call_name", "index", "name"}, {"type": "tool_call_arguments", "index", "text"}, \
                {"type": "problem", "problem"}. After the input ends, a last line with "eos": true carries the \
                last deltas and the message.
                """
        )

        @OptionGroup var tokenizerOptions: TokenizerOptions
        @OptionGroup var parserOptions: ParserOptions

        func run() throws {
            let setup = try ChatSetup(tokenizerOptions)
            let family = try parserOptions.parser ?? setup.inferredParser()
            switch family {
            case .qwen3: try stream(QwenOutputParser(startsInReasoning: parserOptions.startsInReasoning), setup)
            case .deepseekV3: try stream(DeepSeekOutputParser(startsInReasoning: parserOptions.startsInReasoning), setup)
            }
        }

        private func stream<Parser: ReasoningAssistantParser>(_ parser: Parser, _ setup: ChatSetup) throws {
            var parser = parser
            var decoder = setup.tokenizer.streamingDecoder()
            try forEachStreamedTokenID(file: parserOptions.file) { id, count in
                let text = try ChatCommand.text(of: id, at: count, &decoder, setup)
                let deltas = parser.consume(GeneratedToken(id: id, text: text))
                let line = JSONObject([
                    ("token", .number(.unsigned(UInt64(id)))), ("text", .string(text)), ("phase", .string(parser.phase.rawValue)),
                    ("deltas", .array(deltas.map(Self.json))),
                ])
                writeOut(JSONValue.object(line).serialized + "\n")
            }
            var deltas: [AssistantDelta] = []
            if case let rest = decoder.finish(), !rest.isEmpty { deltas += parser.consume(GeneratedToken(id: 0, text: rest)) }
            deltas += parser.finish()
            let last = JSONObject([
                ("eos", true), ("phase", .string(parser.phase.rawValue)), ("deltas", .array(deltas.map(Self.json))),
                ("message", parser.output.openAIMessage.jsonValue),
                ("problems", .array(parser.output.problems.map { .string($0.description) })),
            ])
            writeOut(JSONValue.object(last).serialized + "\n")
        }

        /// A delta as JSON.
        static func json(_ delta: AssistantDelta) -> JSONValue {
            func index(_ value: Int) -> JSONValue { .number(.unsigned(UInt64(value))) }
            let members: [(key: String, value: JSONValue)]
            switch delta {
            case let .reasoning(text): members = [("type", "reasoning"), ("text", .string(text))]
            case let .content(text): members = [("type", "content"), ("text", .string(text))]
            case let .toolCallStarted(at): members = [("type", "tool_call"), ("index", index(at))]
            case let .toolCallName(at, name): members = [("type", "tool_call_name"), ("index", index(at)), ("name", .string(name))]
            case let .toolCallArguments(at, fragment):
                members = [("type", "tool_call_arguments"), ("index", index(at)), ("text", .string(fragment))]
            case let .problem(problem): members = [("type", "problem"), ("problem", .string(problem.description))]
            }
            return .object(JSONObject(members))
        }
    }
}
