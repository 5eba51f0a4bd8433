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
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Describe one encoding.")

        @Argument(help: "The encoding name.")
        var name: String

        @Option(name: .long, help: "A folder holding the vocabulary files.")
        var vocabDir: String?

        func run() throws {
            let encoding = try EncodingOptions(encoding: name, vocabDir: vocabDir).load()
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
        self.vocabDir = vocabDir
    }
}
