import ArgumentParser
import TokenizerSuite

/// `tok count`: the number of tokens in a text.
struct Count: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "count", abstract: "Count the tokens of a text.")

    @Argument(help: "The text (default: --file or standard input).")
    var text: String?

    @OptionGroup var tokenizerOptions: TokenizerOptions
    @OptionGroup var specialTokens: SpecialTokenOptions
    @OptionGroup var input: TextInputOptions
    @OptionGroup var threading: ThreadOptions

    func run() throws {
        let tokenizer = try tokenizerOptions.load()
        let policy = try specialTokens.policy(for: tokenizer)
        writeOut("\(try input.countTokens(argument: text, tokenizer: tokenizer, policy: policy, threads: threading.count))\n")
    }
}
