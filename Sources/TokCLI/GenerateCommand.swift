import ArgumentParser
import BytePairEncoding
import ChatGeneration
import ChatTemplates
import Foundation
import Harmony
import TokenizerSuite
import TransformerRuntime

/// `tok generate`: run a Qwen3, Qwen3-MoE, gpt-oss or DeepSeek-V3 checkpoint on the CPU and print what it generates.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate tokens with a Hugging Face checkpoint (Qwen3, Qwen3-MoE, gpt-oss, DeepSeek-V3) on the CPU, in f32.",
        discussion: """
            The model folder needs config.json and safetensors weights. With --prompt-ids and --format ids \
            no tokenizer is needed; otherwise the model folder's tokenizer.json is used, or --encoding \
            (e.g. o200k_harmony for gpt-oss, qwen3). \
            With --conversation (openai-harmony JSON, a file or - for standard input) the conversation is \
            rendered for completion, generated until <|return|> or <|call|>, and stream-parsed: \
            --format messages prints the parsed messages, text streams their content. \
            With --chat (apply_chat_template's arguments as JSON, as tok chat render reads them) a Qwen3 or \
            DeepSeek model's conversation is rendered with its chat template (the model folder's, or the bundled \
            one of --encoding), generated until its end-of-turn token, and stream-parsed into one assistant \
            message: --format messages prints it as JSON, text streams reasoning, content and tool calls. \
            --temperature 0 (the default) decodes greedily.
            """)

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case ids, text, messages
    }

    @Option(name: .long, help: "The model folder (config.json, model.safetensors or a sharded index).")
    var model: String

    @Option(name: .long, help: "The prompt as token ids, separated by spaces or commas.")
    var promptIds: String?

    @Option(name: .long, help: "The prompt as text, encoded with --encoding; special-token markup such as <|start|> is allowed.")
    var prompt: String?

    @Option(name: .long, help: "A harmony conversation to answer (openai-harmony JSON; - for standard input).")
    var conversation: String?

    @Option(name: .long, help: "A chat request to answer with the model's chat template (JSON; - for standard input).")
    var chat: String?

    @Option(name: .long, help: "With --conversation: the role of the turn to generate.")
    var nextRole = "assistant"

    @Option(name: .long, help: "The most tokens to generate.")
    var maxNewTokens = 64

    @Option(name: .long, help: "Sampling temperature; 0 is greedy.")
    var temperature: Float = 0

    @Option(name: .long, help: "Sample only among the K most likely tokens (0: all).")
    var topK = 0

    @Option(name: .long, help: "Sample only among the most likely tokens whose probabilities reach P.")
    var topP: Float = 1

    @Option(name: .long, help: "Seed of the sampler.")
    var seed: UInt64 = 0

    @Flag(name: .long, help: "Do not stop at the model's end-of-sequence tokens: generate exactly --max-new-tokens.")
    var ignoreStop = false

    @Option(name: .long, help: "Output: ids (space-separated on one line), text (streamed), or messages (with --conversation: the parsed messages as JSON).")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Bundled tokenizer for text input or output (o200k_harmony, o200k_base, cl100k_base, qwen3, deepseek_v3); default: the model folder's tokenizer.json.")
    var encoding: String?

    @Option(name: .long, help: "A folder holding the vocabulary files (default: the bundled ones, or $TOK_VOCAB_DIR).")
    var vocabDir: String?

    @Option(name: .long, help: "Threads for the matrix kernels (default: all processors).")
    var threads: Int?

    func validate() throws {
        guard [promptIds, prompt, conversation, chat].compactMap({ $0 }).count == 1 else {
            throw ValidationError("pass exactly one of --prompt-ids, --prompt, --conversation and --chat")
        }
        if format == .messages && conversation == nil && chat == nil {
            throw ValidationError("--format messages needs --conversation or --chat")
        }
        guard maxNewTokens >= 0 else { throw ValidationError("--max-new-tokens must be ≥ 0") }
        if let threads, threads < 1 { throw ValidationError("--threads must be ≥ 1") }
    }

    func run() throws {
        if let conversation { return try answer(conversation) }
        if let chat { return try answerChat(chat) }
        let tokenizer = try loadTokenizer()
        let promptTokens: [TokenID]
        if let promptIds {
            let words = promptIds.split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
            promptTokens = try parseIDs(words)
        } else if let prompt, let tokenizer {
            // A prompt written by the user may contain chat markup: control tokens are allowed.
            promptTokens = try tokenizer.encode(prompt, policy: .markup)
        } else {
            throw InputError("--prompt needs a tokenizer: pass --encoding")
        }
        do {
            let languageModel = try ModelFolder(model).loadModel(parallelism: threads.map(Parallelism.init(threadCount:)) ?? .allProcessors)
            let parameters = GenerationParameters(
                maxNewTokens: maxNewTokens,
                sampling: SamplingParameters(temperature: temperature, topK: topK, topP: topP, seed: seed),
                stopTokenIds: ignoreStop ? [] : Set(languageModel.configuration.endOfSequenceTokenIds))
            switch format {
            case .messages:
                throw InputError("--format messages needs --conversation")
            case .ids:
                let result = try languageModel.generate(prompt: promptTokens, parameters: parameters)
                writeOut(result.tokens.map(String.init).joined(separator: " ") + "\n")
            case .text:
                guard let tokenizer else { throw InputError("--format text needs a tokenizer: pass --encoding") }
                _ = try TextGenerator(model: languageModel, tokenizer: tokenizer).generate(prompt: promptTokens, parameters: parameters) {
                    writeOut($0)
                }
                writeOut("\n")
            }
        } catch let error as ModelError {
            throw InputError(error.description)
        } catch let error as UnknownTokenError {
            throw InputError("the model generated \(error), which the tokenizer cannot decode")
        }
    }

    /// Answers a harmony conversation with the gpt-oss encoding, streaming or printing the result.
    private func answer(_ file: String) throws {
        let harmonyEncoding = try loadHarmony(vocabDir: vocabDir)
        let role = try parseRole(nextRole)
        let parsed: Conversation
        do {
            parsed = try Conversation(jsonBytes: try readInput(file == "-" ? nil : file), options: .pythonJSON)
        } catch let error as HarmonyError {
            throw InputError("\(file): invalid conversation JSON: \(error.message)")
        }
        do {
            let languageModel = try ModelFolder(model).loadModel(parallelism: threads.map(Parallelism.init(threadCount:)) ?? .allProcessors)
            let generator = HarmonyChatGenerator(model: languageModel, encoding: harmonyEncoding)
            let sampling = SamplingParameters(temperature: temperature, topK: topK, topP: topP, seed: seed)
            var lastChannel: String?? = .none
            let result = try harmony {
                try generator.generate(
                    parsed, nextRole: role, maxNewTokens: maxNewTokens, sampling: sampling, stopAtActions: !ignoreStop
                ) { event in
                    guard format == .text, case let .contentDelta(text, channel, recipient) = event else { return }
                    if lastChannel != .some(channel) {
                        writeOut("\n[\(channel ?? "-")\(recipient.map { " → \($0)" } ?? "")] ")
                        lastChannel = .some(channel)
                    }
                    writeOut(text)
                }
            }
            switch format {
            case .ids: writeOut(result.completionTokens.map(String.init).joined(separator: " ") + "\n")
            case .text: writeOut("\n")
            case .messages: writeOut(result.messages.jsonString + "\n")
            }
        } catch let error as ModelError {
            throw InputError(error.description)
        }
    }

    /// Answers a chat request with the model's chat template, streaming or printing the message.
    private func answerChat(_ file: String) throws {
        let modelTokenizer = URL(fileURLWithPath: model).appendingPathComponent("tokenizer.json").path
        if encoding == nil && !FileManager.default.fileExists(atPath: modelTokenizer) {
            throw InputError("--chat needs a tokenizer and its chat template: \(model) has no tokenizer.json; pass --encoding qwen3 or deepseek_v3")
        }
        var setup = try ChatSetup(source: encoding.map { .bundled($0) } ?? .tokenizerJSON(path: model), vocabDir: vocabDir)
        let data = try readInput(file == "-" ? nil : file)
        let input = try ChatSetup.chat { try ChatInput(arguments: TemplateValue(jsonBytes: data, options: .pythonJSON)) }
        do {
            let languageModel = try ModelFolder(model).loadModel(parallelism: threads.map(Parallelism.init(threadCount:)) ?? .allProcessors)
            let generator = TemplateChatGenerator(model: languageModel, chat: try setup.chatTokenizer(for: input))
            let sampling = SamplingParameters(temperature: temperature, topK: topK, topP: topP, seed: seed)
            var lastPart = ""
            let onEvent: (TemplateChatGenerator.Event) throws -> Void = { event in
                guard format == .text, case let .delta(delta) = event else { return }
                let (part, text): (String, String)
                switch delta {
                case let .reasoning(piece): (part, text) = ("reasoning", piece)
                case let .content(piece): (part, text) = ("content", piece)
                case let .toolCallName(index, name): (part, text) = ("tool call \(index)", name + " ")
                case let .toolCallArguments(index, piece): (part, text) = ("tool call \(index)", piece)
                case let .problem(problem): (part, text) = ("problem", problem.description)
                case .toolCallStarted: return
                }
                if part != lastPart {
                    writeOut("\n[\(part)] ")
                    lastPart = part
                }
                writeOut(text)
            }
            let result = try ChatSetup.chat {
                switch try setup.inferredParser() {
                case .qwen3:
                    return try generator.generate(input, parser: QwenOutputParser.self, maxNewTokens: maxNewTokens, sampling: sampling, onEvent: onEvent)
                case .deepseekV3:
                    return try generator.generate(input, parser: DeepSeekOutputParser.self, maxNewTokens: maxNewTokens, sampling: sampling, onEvent: onEvent)
                }
            }
            switch format {
            case .ids: writeOut(result.completionTokens.map(String.init).joined(separator: " ") + "\n")
            case .text: writeOut("\n")
            case .messages: writeOut(result.message.openAIMessage.jsonValue.serialized + "\n")
            }
        } catch let error as ModelError {
            throw InputError(error.description)
        } catch let error as UnknownTokenError {
            throw InputError("the model generated \(error), which the tokenizer cannot decode")
        }
    }

    /// The tokenizer named by --encoding, else the model folder's tokenizer.json; nil when the
    /// prompt and output are ids only.
    private func loadTokenizer() throws -> (any Tokenizer)? {
        if let encoding {
            return try loadBundled(encoding, vocabDir: vocabDir)
        }
        guard prompt != nil || format == .text else { return nil }
        let folder = ModelFolder(model)
        guard folder.hasTokenizer else {
            throw InputError("text input or output needs a tokenizer: \(model) has no tokenizer.json; pass --encoding")
        }
        return try folder.loadTokenizer()
    }
}
