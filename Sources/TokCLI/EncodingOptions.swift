import ArgumentParser
import Foundation
import BytePairEncoding
import TokenizerSuite

/// Options shared by the commands that need an encoding.
struct EncodingOptions: ParsableArguments {
    @Option(name: .long, help: "The encoding: o200k_harmony, o200k_base, cl100k_base, qwen3 or deepseek_v3.")
    var encoding: String = "o200k_harmony"

    @Option(name: .long, help: "A Hugging Face tokenizer.json, or a folder holding it (and tokenizer_config.json); overrides --encoding.")
    var tokenizer: String?

    @Option(name: .long, help: "A folder holding the vocabulary files (default: the bundled ones, or $TOK_VOCAB_DIR).")
    var vocabDir: String?

    /// The tiktoken encoding named by `--encoding`.
    /// - Throws: a usage error when the options name a Hugging Face tokenizer.
    func load() throws -> TiktokenEncoding {
        switch try loadAny() {
        case let .tiktoken(encoding): return encoding
        case let .huggingFace(tokenizer): throw InputError("\(tokenizer.name) is a tokenizer.json tokenizer; this command needs a tiktoken encoding")
        }
    }

    /// The tokenizer the options name, of either format.
    func loadAny() throws -> LoadedTokenizer {
        let folder = vocabDir.map { URL(fileURLWithPath: $0, isDirectory: true) }
        if let tokenizer { return .huggingFace(try HuggingFaceTokenizer.load(path: tokenizer)) }
        if BundledHuggingFaceTokenizer(rawValue: encoding) != nil {
            return .huggingFace(try HuggingFaceTokenizer.bundled(encoding, vocabularyFolder: folder))
        }
        if BundledEncoding(rawValue: encoding) == nil {
            throw TokenizerError.unknownEncoding(name: encoding, available: BundledTokenizer.names)
        }
        return .tiktoken(try TiktokenEncoding.bundled(encoding, vocabularyFolder: folder))
    }
}

/// A loaded tokenizer of either format.
enum LoadedTokenizer {
    case tiktoken(TiktokenEncoding)
    case huggingFace(HuggingFaceTokenizer)

    /// A decoder for ids arriving one at a time that emits only complete UTF-8 text.
    func streamingDecoder() -> StreamingTextDecoder {
        switch self {
        case let .tiktoken(e): return e.streamingDecoder()
        case let .huggingFace(t): return t.streamingDecoder()
        }
    }

    var common: any TextTokenizer {
        switch self {
        case let .tiktoken(e): return e
        case let .huggingFace(t): return t
        }
    }
}

/// Options of `tokenizer.json` tokenizers (ignored by tiktoken encodings).
struct HuggingFaceOptions: ParsableArguments {
    enum AddedTokens: String, ExpressibleByArgument, CaseIterable {
        case all, nonSpecial = "non-special", none
        var matching: AddedTokenMatching {
            switch self {
            case .all: return .all
            case .nonSpecial: return .nonSpecialOnly
            case .none: return .none
            }
        }
    }

    @Flag(name: .long, inversion: .prefixedNo, help: "tokenizer.json: add the post-processor's special tokens (BOS/EOS), as transformers does by default.")
    var addSpecialTokens = true

    @Option(name: .long, help: "tokenizer.json: added tokens matched in the text: all (the reference's default), non-special (its split_special_tokens), none (untrusted text).")
    var addedTokens: AddedTokens = .all
}

/// Where a command's input text comes from: an argument, `--file`, or standard input.
struct TextInputOptions: ParsableArguments {
    @Option(name: .long, help: "Read the input from this file instead of the argument or standard input.")
    var file: String?

    @Flag(name: .long, help: "Replace invalid UTF-8 in the input with U+FFFD instead of failing.")
    var lossy = false

    /// The input bytes: `argument` when given, else the file, else standard input.
    func readBytes(argument: String?) throws -> Data {
        if let argument { return Data(argument.utf8) }
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw InputError("\(file): cannot read the file")
            }
            return data
        }
        return FileHandle.standardInput.readDataToEndOfFile()
    }

    /// The input as text, validated as UTF-8 unless `--lossy`.
    func readText(argument: String?) throws -> String {
        let data = try readBytes(argument: argument)
        return try decodeText(data, source: file ?? (argument == nil ? "standard input" : "argument"), lossy: lossy)
    }
}

/// `data` as a String: strict UTF-8 (error naming `source` and the byte offset) unless `lossy`.
func decodeText(_ data: Data, source: String, lossy: Bool) throws -> String {
    if lossy { return String(decoding: data, as: UTF8.self) }
    if let text = String(validatingUTF8Data: data) { return text }
    let offset = UTF8Decoding.firstInvalidOffset(Array(data)) ?? 0
    throw InputError("\(source): invalid UTF-8 at byte \(offset) (use --lossy to replace it with U+FFFD)")
}

/// Writes `text` to standard output.
func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

extension String {
    /// The string when `data` is valid UTF-8, else nil.
    init?(validatingUTF8Data data: Data) {
        guard UTF8Decoding.firstInvalidOffset(Array(data)) == nil else { return nil }
        self = String(decoding: data, as: UTF8.self)
    }
}
