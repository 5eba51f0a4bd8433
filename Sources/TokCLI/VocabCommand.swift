import ArgumentParser
import TokenizerSuite

/// `tok vocab`: the bundled vocabularies.
struct Vocab: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List and describe the bundled vocabularies.",
        subcommands: [List.self, Info.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the bundled encodings with their sizes.")

        @Option(name: .long, help: "A folder holding the vocabulary files.")
        var vocabDir: String?

        func run() throws {
            for name in BundledEncoding.allCases {
                let encoding = try EncodingOptions(encoding: name.rawValue, vocabDir: vocabDir).load()
                writeOut("\(name.rawValue)\t\(encoding.vocabularySize) ids\t\(encoding.ranks.count) ranks\t\(encoding.specialTokens.count) special\n")
            }
            for name in BundledHuggingFaceTokenizer.allCases {
                guard case let .huggingFace(t) = try EncodingOptions(encoding: name.rawValue, vocabDir: vocabDir).loadAny() else { continue }
                writeOut("\(name.rawValue)\t\(t.vocabularySize) ids\t\(t.model.tokens.count) tokens\t\(t.addedTokens.count) added (tokenizer.json)\n")
            }
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Describe one encoding.")

        @Argument(help: "The encoding name (or use --tokenizer).")
        var name: String = "o200k_harmony"

        @Option(name: .long, help: "A Hugging Face tokenizer.json, or a folder holding it.")
        var tokenizer: String?

        @Option(name: .long, help: "A folder holding the vocabulary files.")
        var vocabDir: String?

        func run() throws {
            var options = EncodingOptions(encoding: name, vocabDir: vocabDir)
            options.tokenizer = tokenizer
            if case let .huggingFace(t) = try options.loadAny() {
                writeOut("name: \(t.name)\nvocabulary size: \(t.vocabularySize)\n\(t.pipelineDescription)\n")
                return
            }
            let encoding = try options.load()
            let bundled = BundledEncoding(rawValue: name)
            let specials = encoding.specialTokens.entries.filter { !$0.text.hasPrefix("<|reserved_") }
            writeOut("""
                name: \(encoding.name)
                file: \(bundled?.fileName ?? "-") (sha256 \(bundled?.expectedSHA256 ?? "-"))
                ranks: \(encoding.ranks.count)
                special tokens: \(encoding.specialTokens.count)
                vocabulary size (n_vocab): \(encoding.vocabularySize)
                pattern: \(encoding.pattern)
                named special tokens: \(specials.map { "\($0.text)=\($0.id)" }.joined(separator: " "))

                """)
        }
    }
}

extension EncodingOptions {
    init(encoding: String, vocabDir: String?) {
        self.init()
        self.encoding = encoding
        self.tokenizer = nil
        self.vocabDir = vocabDir
    }
}
