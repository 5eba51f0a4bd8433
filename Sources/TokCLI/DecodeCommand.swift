import ArgumentParser
import BytePairEncoding
import Foundation
import TokenizerSuite

/// `tok decode`: token ids to text.
struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Decode token ids to text.")

    @Argument(help: "Token ids (default: --file or standard input, whitespace-separated).")
    var ids: [String] = []

    @OptionGroup var encodingOptions: EncodingOptions

    @Option(name: .long, help: "Read whitespace-separated ids from this file.")
    var file: String?

    @Flag(name: .long, help: "Replace invalid UTF-8 with U+FFFD instead of failing (tokenizer.json tokenizers always do, as the reference).")
    var lossy = false

    @Flag(name: .long, help: "tokenizer.json: leave special tokens out of the text.")
    var skipSpecialTokens = false

    func run() throws {
        let loaded = try encodingOptions.loadAny()
        let tokens = try readIDs(arguments: ids, file: file)
        switch loaded {
        case let .huggingFace(tokenizer):
            writeOut(try tokenizer.decode(tokens, skipSpecialTokens: skipSpecialTokens))
        case let .tiktoken(encoding):
            writeOut(lossy ? try encoding.decodeLossy(tokens) : try encoding.decode(tokens))
        }
    }
}

/// Token ids from `arguments` (each may hold several, whitespace-separated), else from `file`, else
/// from standard input.
func readIDs(arguments: [String], file: String?) throws -> [TokenID] {
    let words: [String]
    if !arguments.isEmpty {
        words = arguments.flatMap { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
    } else {
        let data = try TextInputOptions(file: file).readBytes(argument: nil)
        words = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init)
    }
    return try parseIDs(words)
}

/// Parses decimal token ids, naming the first word that is not one.
func parseIDs(_ words: [String]) throws -> [TokenID] {
    try words.enumerated().map { index, word in
        guard let id = TokenID(word) else { throw InputError("token \(index + 1): \(word.debugDescription) is not a token id") }
        return id
    }
}

extension TextInputOptions {
    init(file: String?) {
        self.init()
        self.file = file
    }
}
