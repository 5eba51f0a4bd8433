import ArgumentParser
import BytePairEncoding
import Foundation
import Harmony
import OrderedJSON
import TokenizerSuite

/// `tok harmony`: render, parse and stream gpt-oss conversations in the harmony format.
struct HarmonyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harmony",
        abstract: "Render, parse and stream gpt-oss conversations (harmony format, as openai-harmony 0.0.8).",
        subcommands: [Render.self, Parse.self, Stream.self]
    )

    /// Where the vocabulary comes from.
    struct VocabularyOptions: ParsableArguments {
        @Option(name: .long, help: "A folder holding o200k_base.tiktoken (default: the bundled one, or $TOK_VOCAB_DIR).")
        var vocabDir: String?

        func load() throws -> HarmonyEncoding {
            try loadHarmony(vocabDir: vocabDir)
        }
    }

    /// Options shared by the parsing subcommands.
    struct ParserOptions: ParsableArguments {
        @Option(name: .long, help: "The role the prompt ended with (<|start|>ROLE); default: none, the ids start with <|start|>.")
        var role: String?

        @Flag(name: .long, help: "Recover from a message cut off before <|message|> as openai-harmony's non-strict mode.")
        var nonStrict = false

        func parsedRole() throws -> Role? {
            try role.map(parseRole)
        }
    }

    /// `tok harmony render`: a conversation (openai-harmony's JSON) to token ids.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "render", abstract: "Render a conversation (JSON) to token ids.")

        enum Purpose: String, ExpressibleByArgument, CaseIterable {
            case completion, training, conversation
        }

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case ids, text
        }

        @Argument(help: "The conversation JSON file ('-' or nothing: standard input).")
        var file: String?

        @Option(name: .customLong("for"), help: "completion (adds <|start|>ROLE), training (<|return|> at the end) or conversation.")
        var purpose: Purpose = .completion

        @Option(name: .long, help: "The role of the turn to complete (with --for completion).")
        var nextRole: String = "assistant"

        @Flag(name: .long, help: "Keep analysis messages that the drop rule would leave out.")
        var keepAnalysis = false

        @Option(name: .long, help: "ids (space-separated) or text (the decoded render).")
        var format: Format = .ids

        @OptionGroup var vocabulary: VocabularyOptions

        func run() throws {
            let role = try parseRole(nextRole)
            let data = try readInput(file)
            let conversation: Conversation
            do {
                conversation = try Conversation(jsonBytes: data, options: .pythonJSON)
            } catch let error as HarmonyError {
                throw InputError("invalid conversation JSON: \(error.message)")
            }
            let encoding = try vocabulary.load()
            let config = RenderConversationConfig(autoDropAnalysis: !keepAnalysis)
            let ids = try harmony {
                switch purpose {
                case .completion: return try encoding.renderConversationForCompletion(conversation, nextRole: role, config: config)
                case .training: return try encoding.renderConversationForTraining(conversation, config: config)
                case .conversation: return try encoding.renderConversation(conversation, config: config)
                }
            }
            switch format {
            case .ids: writeOut(ids.map(String.init).joined(separator: " ") + "\n")
            case .text: writeOut(try harmony { try encoding.decode(ids) })
            }
        }
    }

    /// `tok harmony parse`: completion ids to messages (JSON).
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "parse", abstract: "Parse completion token ids into messages (JSON array).")

        @Argument(help: "Token ids (default: --file or standard input, whitespace-separated).")
        var ids: [String] = []

        @Option(name: .long, help: "Read whitespace-separated ids from this file.")
        var file: String?

        @OptionGroup var parserOptions: ParserOptions

        @OptionGroup var vocabulary: VocabularyOptions

        func run() throws {
            let role = try parserOptions.parsedRole()
            let tokens = try readIDs(arguments: ids, file: file)
            let encoding = try vocabulary.load()
            let messages = try harmony {
                try encoding.parseMessages(fromCompletionTokens: tokens, role: role, strict: !parserOptions.nonStrict)
            }
            writeOut(messages.jsonString + "\n")
        }
    }

    /// `tok harmony stream`: feeds ids to the streaming parser as they arrive, one JSON line each.
    struct Stream: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stream",
            abstract: "Feed ids (standard input or --file, any chunking) to the streaming parser; print one JSON line per token.",
            discussion: """
                Each line has the token, the parser state, the current role, channel, recipient and content type, \
                and the content delta (with --full-state also the content so far, which makes the output grow with \
                the square of the message length); a line that finishes a message carries it as "message". After \
                the input ends, a last line with "eos": true lists every message.
                """
        )

        @Option(name: .long, help: "Read whitespace-separated ids from this file instead of standard input.")
        var file: String?

        @OptionGroup var parserOptions: ParserOptions

        @OptionGroup var vocabulary: VocabularyOptions

        @Flag(name: .long, help: "Also print the whole content so far on every line.")
        var fullState = false

        func run() throws {
            let role = try parserOptions.parsedRole()
            let encoding = try vocabulary.load()
            var parser = encoding.streamableParser(role: role, strict: !parserOptions.nonStrict)
            try forEachStreamedTokenID(file: file) { token, _ in
                let finished = parser.messages.count
                try harmony { try parser.process(token) }
                var line = snapshot(parser)
                line["token"] = .number(.unsigned(UInt64(token)))
                if parser.messages.count > finished, let message = parser.messages.last { line["message"] = message.json }
                writeOut(JSONValue.object(line).serialized + "\n")
            }
            try harmony { try parser.processEOS() }
            var last = snapshot(parser)
            last["eos"] = true
            last["messages"] = .array(parser.messages.map(\.json))
            writeOut(JSONValue.object(last).serialized + "\n")
        }

        private func snapshot(_ parser: StreamableParser) -> JSONObject {
            func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
            return JSONObject([
                ("token", .null),
                ("state", .string(parser.state.name)),
                ("role", text(parser.currentRole?.rawValue)),
                ("channel", text(parser.currentChannel)),
                ("recipient", text(parser.currentRecipient)),
                ("content_type", text(parser.currentContentType)),
            ] + (fullState ? [("content", .string(parser.currentContent))] : []) + [
                ("delta", text(parser.lastContentDelta)),
            ])
        }
    }
}

/// Splits whitespace-separated words out of byte chunks; a word may span chunks.
/// Reads token ids from `file` (nil: standard input) as they arrive, whitespace-separated, and
/// passes each with its 1-based position to `body`, so output can stream while input still comes.
/// - Throws: `InputError` naming the file, or the position of a word that is not an id.
func forEachStreamedTokenID(file: String?, _ body: (TokenID, Int) throws -> Void) throws {
    let input = try openInput(file)
    var reader = WordReader()
    var count = 0
    func feed(_ word: String) throws {
        count += 1
        guard let id = TokenID(word) else { throw InputError("token \(count): \(word.debugDescription) is not a token id") }
        try body(id, count)
    }
    while true {
        let chunk = input.availableData
        if chunk.isEmpty { break }
        for word in reader.append(chunk) { try feed(word) }
    }
    if let word = reader.finish() { try feed(word) }
}

struct WordReader {
    private var pending: [UInt8] = []

    mutating func append(_ chunk: Data) -> [String] {
        var words: [String] = []
        for byte in chunk {
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0B || byte == 0x0C {
                if !pending.isEmpty { words.append(String(decoding: pending, as: UTF8.self)) }
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.append(byte)
            }
        }
        return words
    }

    mutating func finish() -> String? {
        defer { pending.removeAll() }
        return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self)
    }
}

/// A role by its JSON name, or the reference's error.
func parseRole(_ name: String) throws -> Role {
    guard let role = Role(rawValue: name) else { throw InputError("unknown role: \(name)") }
    return role
}

/// The input of `render`: the file, or standard input for nil or "-".
func readInput(_ file: String?) throws -> Data {
    guard let file, file != "-" else { return FileHandle.standardInput.readDataToEndOfFile() }
    guard let data = FileManager.default.contents(atPath: file) else { throw InputError("\(file): cannot read the file") }
    return data
}

/// A handle on `file` (nil: standard input) to read as the input arrives; the caller closes a file's.
func openInput(_ file: String?) throws -> FileHandle {
    guard let file else { return FileHandle.standardInput }
    guard let handle = FileHandle(forReadingAtPath: file) else { throw InputError("\(file): cannot read the file") }
    return handle
}

/// The gpt-oss harmony encoding, on the vocabulary in `vocabDir` when given.
func loadHarmony(vocabDir: String?) throws -> HarmonyEncoding {
    try withVocabularyAdvice { try HarmonyEncoding.gptOss(vocabularyFolder: vocabularyFolder(vocabDir: vocabDir)) }
}

/// Runs `body`, turning a `HarmonyError` into the CLI's input error (exit 1, the same message).
func harmony<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as HarmonyError {
        throw InputError(error.message)
    }
}
