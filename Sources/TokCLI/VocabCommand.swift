import ArgumentParser
import OrderedJSON
import TokenizerSuite

/// `tok vocab`: the bundled vocabularies.
struct Vocab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vocab",
        abstract: "List and describe the bundled vocabularies.",
        subcommands: [List.self, Info.self, Token.self, ID.self, ForModel.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the bundled tokenizers with their sizes.")

        @Option(name: .long, help: "A folder holding the vocabulary files.")
        var vocabDir: String?

        func run() throws {
            for name in TokenizerRegistry.bundledNames {
                let tokenizer = try loadBundled(name, vocabDir: vocabDir)
                switch tokenizer {
                case let encoding as TiktokenEncoding:
                    writeOut("\(name)\t\(encoding.vocabularySize) ids\t\(encoding.ranks.count) ranks\t\(encoding.specialTokens.count) special\n")
                case let hf as HuggingFaceTokenizer:
                    writeOut("\(name)\t\(hf.vocabularySize) ids\t\(hf.model.tokens.count) tokens\t\(hf.addedTokens.count) added (tokenizer.json)\n")
                default:
                    writeOut("\(name)\t\(tokenizer.vocabularySize) ids\n")
                }
            }
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "info", abstract: "Describe one tokenizer: its vocabulary and pipeline.")

        @Argument(help: "A bundled name (the same as --encoding NAME).")
        var name: String?

        @OptionGroup var tokenizerOptions: TokenizerOptions

        func run() throws {
            var options = tokenizerOptions
            if let name { options.encoding = name }
            let loaded = try options.load()
            let tokenizer = options.tokenizer, tiktoken = options.tiktoken
            var text = "name: \(loaded.name)\nvocabulary size: \(loaded.vocabularySize)\n"
            if let encoding = loaded as? TiktokenEncoding, let bundled = BundledEncoding(rawValue: encoding.name), tokenizer == nil, tiktoken == nil {
                let named = encoding.specialTokens.entries.filter { !$0.text.hasPrefix("<|reserved_") }
                text += "file: \(bundled.fileName) (sha256 \(bundled.expectedSHA256))\n"
                text += "named special tokens: \(named.map { "\($0.text)=\($0.id)" }.joined(separator: " "))\n"
            }
            writeOut(text + loaded.pipelineDescription + "\n")
        }
    }

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token",
            abstract: "Describe token ids: one JSON line each with the vocabulary entry, its bytes (hex), its text and whether it is special.")

        @Argument(help: "Token ids.")
        var ids: [String]

        @OptionGroup var tokenizerOptions: TokenizerOptions

        func run() throws {
            let tokenizer = try tokenizerOptions.load()
            for id in try parseIDs(ids) {
                guard let token = tokenizer.token(for: id), let bytes = tokenizer.tokenBytes(id) else {
                    throw InputError("\(id) is not a token id of \(tokenizer.name)")
                }
                let line = JSONValue.object(JSONObject([
                    ("id", .number(.unsigned(UInt64(id)))), ("token", .string(token)),
                    ("bytes", .string(bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined())),
                    ("text", .string(UTF8Decoding.lossy(bytes))), ("special", .bool(tokenizer.isSpecialToken(id))),
                ]))
                writeOut(line.serialized + "\n")
            }
        }
    }

    struct ID: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "id",
            abstract: "The id of a vocabulary entry (tokenizers' token_to_id: Ġhello, <|im_start|>; for tiktoken, text that is exactly one token).")

        @Argument(help: "Vocabulary entries.")
        var tokens: [String]

        @OptionGroup var tokenizerOptions: TokenizerOptions

        func run() throws {
            let tokenizer = try tokenizerOptions.load()
            for token in tokens {
                guard let id = tokenizer.id(forToken: token) else {
                    throw InputError("\(token.debugDescription) is not a single token of \(tokenizer.name)")
                }
                writeOut("\(id)\n")
            }
        }
    }

    struct ForModel: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "for-model",
            abstract: "The tokenizer a model uses: tiktoken's encoding_for_model for OpenAI models, qwen3 and deepseek_v3 for those families.")

        @Argument(help: "Model names (gpt-4o, gpt-oss-120b, Qwen/Qwen3-0.6B).")
        var models: [String]

        func run() throws {
            for model in models {
                guard let name = TokenizerRegistry.tokenizerName(forModel: model) else {
                    throw InputError("no tokenizer is known for model \(model.debugDescription)")
                }
                writeOut("\(name)\n")
            }
        }
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
