import ArgumentParser
import TokenizerSuite

/// `tok count`: the number of tokens in a text.
struct Count: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Count the tokens of a text.")

    @Argument(help: "The text (default: --file or standard input).")
    var text: String?

    @OptionGroup var encodingOptions: EncodingOptions
    @OptionGroup var huggingFace: HuggingFaceOptions
    @OptionGroup var input: TextInputOptions

    @Option(name: .long, help: "Special tokens to count as such: all, none, or a comma-separated list.")
    var allowedSpecial: String = "none"

    func run() throws {
        if case let .huggingFace(tokenizer) = try encodingOptions.loadAny() {
            let source = try input.readText(argument: text)
            let count = try tokenizer.countTokens(source, addSpecialTokens: huggingFace.addSpecialTokens, addedTokens: huggingFace.addedTokens.matching)
            writeOut("\(count)\n")
            return
        }
        let encoding = try encodingOptions.load()
        let source = try input.readText(argument: text)
        writeOut("\(try encoding.countTokens(source, allowedSpecial: SpecialTokenSelection(commandLine: allowedSpecial)))\n")
    }
}
