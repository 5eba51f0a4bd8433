import ArgumentParser
import TokenizerSuite

/// `tok decode`: token ids to text.
struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "decode", abstract: "Decode token ids to text.")

    @Argument(help: "Token ids (default: --file or standard input, whitespace-separated).")
    var ids: [String] = []

    @OptionGroup var tokenizerOptions: TokenizerOptions

    @Option(name: .long, help: "Read whitespace-separated ids from this file.")
    var file: String?

    @Flag(name: .long, help: "Replace invalid UTF-8 with U+FFFD (Python's errors=\"replace\"); the default for tokenizer.json, as tokenizers.")
    var lossy = false

    @Flag(name: .long, help: "Fail on invalid UTF-8, naming the byte offset; the default for tiktoken encodings, as tiktoken.")
    var strict = false

    @Flag(name: .long, help: "Leave special tokens out of the text.")
    var skipSpecialTokens = false

    func validate() throws {
        if lossy && strict { throw ValidationError("pass either --lossy or --strict, not both") }
    }

    func run() throws {
        let tokenizer = try tokenizerOptions.load()
        let tokens = try readIDs(arguments: ids, file: file)
        var options = tokenizer.defaultDecodeOptions
        if lossy { options.invalidUTF8 = .replace }
        if strict { options.invalidUTF8 = .fail }
        options.skipSpecialTokens = skipSpecialTokens
        writeOut(try tokenizer.decode(tokens, options: options))
    }
}
