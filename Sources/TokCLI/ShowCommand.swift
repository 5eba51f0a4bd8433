import ArgumentParser
import Foundation
import OrderedJSON
import TokenizerSuite

/// `tok show`: a text as its tokens, each on its own background colour with its id, or as a table
/// of pieces.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show how a text splits into tokens.",
        discussion: """
            --format color (the default) prints the text with each token on the next of five background \
            colours, special tokens underlined, then the ids on the same colours, then the counts. Without \
            colours (--color never, or when standard output is not a terminal) each token is bracketed: \
            [hello][ world]. --format tokens prints one line per token: the id, its text as a JSON string \
            (U+FFFD where the token alone is not valid UTF-8), its bytes in hex, and "special" for special tokens.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case color, tokens
    }

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Argument(help: "The text (default: --file or standard input).")
    var text: String?

    @OptionGroup var tokenizerOptions: TokenizerOptions
    @OptionGroup var specialTokens: SpecialTokenOptions
    @OptionGroup var input: TextInputOptions

    @Option(help: "color (the text on alternating backgrounds, then the ids) or tokens (one line per token).")
    var format: Format = .color

    @Option(help: "Colours with --format color: auto (when standard output is a terminal), always or never.")
    var color: ColorChoice = .auto

    /// ANSI background colours, cycled per token: red, green, yellow, blue, magenta.
    static let backgrounds = ["\u{1B}[41m", "\u{1B}[42m", "\u{1B}[43m", "\u{1B}[44m", "\u{1B}[45m"]
    static let underline = "\u{1B}[4m"
    static let reset = "\u{1B}[0m"

    func run() throws {
        let tokenizer = try tokenizerOptions.load()
        let policy = try specialTokens.policy(for: tokenizer)
        let source = try input.readText(argument: text)
        let ids = try tokenizer.encode(source, policy: policy)
        let pieces = ids.map { id in (id: id, bytes: tokenizer.tokenBytes(id) ?? [], special: tokenizer.isSpecialToken(id)) }
        switch format {
        case .tokens:
            var out = ""
            for piece in pieces {
                let hex = piece.bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
                out += "\(piece.id)\t\(JSONValue.string(String(decoding: piece.bytes, as: UTF8.self)).serialized)\t\(hex)"
                out += piece.special ? "\tspecial\n" : "\n"
            }
            writeOut(out)
        case .color:
            let colored = color == .always || (color == .auto && isatty(STDOUT_FILENO) != 0)
            var textLine = "", idLine = ""
            for (index, piece) in pieces.enumerated() {
                let shown = Self.visible(piece.bytes)
                if colored {
                    let style = Self.backgrounds[index % Self.backgrounds.count] + (piece.special ? Self.underline : "")
                    textLine += style + shown + Self.reset
                    idLine += (index > 0 ? " " : "") + style + String(piece.id) + Self.reset
                } else {
                    textLine += "[" + shown + "]"
                    idLine += (index > 0 ? " " : "") + String(piece.id)
                }
            }
            let characters = source.count
            writeOut(textLine + "\n\n" + idLine + "\n\n\(ids.count) tokens, \(characters) characters, \(source.utf8.count) bytes\n")
        }
    }

    /// A token's text for display: line feeds as `↵` followed by the line break, tabs as `→`, and
    /// bytes that are not valid UTF-8 on their own as `<e2>` hex escapes.
    static func visible(_ bytes: [UInt8]) -> String {
        var text = ""
        var index = 0
        while index < bytes.count {
            let length = UTF8Decoding.validSequenceLength(bytes, at: index)
            if length == 0 {
                text += "<" + String(bytes[index], radix: 16).leftPadded(to: 2) + ">"
                index += 1
                continue
            }
            let scalar = String(decoding: bytes[index..<(index + length)], as: UTF8.self)
            switch scalar {
            case "\n": text += "↵\n"
            case "\t": text += "→"
            case "\r": text += "␍"
            default: text += scalar
            }
            index += length
        }
        return text
    }
}
