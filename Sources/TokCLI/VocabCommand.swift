import ArgumentParser
import TokenizerSuite

/// `tok vocab`: the bundled vocabularies.
struct Vocab: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List and describe the bundled vocabularies.",
        subcommands: [List.self, Info.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the bundled tokenizers with their sizes.")

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
        static let configuration = CommandConfiguration(abstract: "Describe one tokenizer: its vocabulary and pipeline.")

        @Argument(help: "The bundled name (or use --tokenizer / --tiktoken).")
        var name: String = "o200k_harmony"

        @Option(name: .long, help: "A Hugging Face tokenizer.json, or a folder holding it.")
        var tokenizer: String?

        @Option(name: .long, help: "A .tiktoken file (with --pattern).")
        var tiktoken: String?

        @Option(name: .long, help: "With --tiktoken: o200k, cl100k or a regex.")
        var pattern: String?

        @Option(name: .long, help: "A folder holding the vocabulary files.")
        var vocabDir: String?

        func run() throws {
            let loaded: any Tokenizer
            if let tokenizer {
                loaded = try TokenizerRegistry.load(.tokenizerJSON(path: tokenizer))
            } else if let tiktoken {
                guard let pattern else { throw ValidationError("--tiktoken needs --pattern (o200k, cl100k or a regex)") }
                loaded = try TokenizerRegistry.load(.tiktoken(path: tiktoken, pattern: pattern))
            } else {
                loaded = try loadBundled(name, vocabDir: vocabDir)
            }
            var text = "name: \(loaded.name)\nvocabulary size: \(loaded.vocabularySize)\n"
            if let encoding = loaded as? TiktokenEncoding, let bundled = BundledEncoding(rawValue: encoding.name), tokenizer == nil, tiktoken == nil {
                let named = encoding.specialTokens.entries.filter { !$0.text.hasPrefix("<|reserved_") }
                text += "file: \(bundled.fileName) (sha256 \(bundled.expectedSHA256))\n"
                text += "named special tokens: \(named.map { "\($0.text)=\($0.id)" }.joined(separator: " "))\n"
            }
            writeOut(text + loaded.pipelineDescription + "\n")
        }
    }
}
