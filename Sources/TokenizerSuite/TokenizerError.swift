import BytePairEncoding

/// Errors of the tokenizer facade. Each names what is wrong and where.
public enum TokenizerError: Error, Equatable, CustomStringConvertible {
    /// The text contains a special token's text that the call disallows.
    case disallowedSpecialToken(String)
    /// A token id that the vocabulary does not have.
    case unknownTokenID(TokenID)
    /// Decoded bytes are not valid UTF-8 (strict decoding); `offset` is the first bad byte.
    case invalidUTF8(offset: Int)
    /// `encodeSingleToken` was given text that is not exactly one token.
    case notASingleToken(String)
    /// A vocabulary file is malformed.
    case malformedVocabulary(source: String, line: Int?, reason: String)
    /// A bundled vocabulary file does not have the expected SHA-256.
    case checksumMismatch(file: String, expected: String, actual: String)
    /// No encoding or tokenizer of that name is bundled.
    case unknownEncoding(name: String, available: [String])
    /// The folder of bundled vocabularies could not be found.
    case vocabularyFolderNotFound(searched: [String])
    /// A file could not be read.
    case unreadableFile(path: String, reason: String)
    /// The regular expression could not be compiled or run.
    case pattern(String)
    /// A `tokenizer.json` (or `tokenizer_config.json`) is malformed or uses an unsupported component;
    /// `path` is the JSON path of the offending value (e.g. `pre_tokenizer.pretokenizers[1].type`).
    case tokenizerFile(source: String, path: String, reason: String)

    public var description: String {
        switch self {
        case let .disallowedSpecialToken(text):
            return "encountered text corresponding to disallowed special token \(text); allow it to encode it as a special token, or disallow none of them to encode it as ordinary text"
        case let .unknownTokenID(id):
            return "unknown token id \(id)"
        case let .invalidUTF8(offset):
            return "decoded bytes are not valid UTF-8 (first invalid byte at offset \(offset)); decode lossily to replace them with U+FFFD"
        case let .notASingleToken(text):
            return "\(text.debugDescription) is not a single token"
        case let .malformedVocabulary(source, line, reason):
            return "\(source)\(line.map { ", line \($0)" } ?? ""): \(reason)"
        case let .checksumMismatch(file, expected, actual):
            return "\(file): SHA-256 is \(actual), expected \(expected); the vocabulary file is damaged or not the published one"
        case let .unknownEncoding(name, available):
            return "no encoding named \(name.debugDescription); available: \(available.joined(separator: ", "))"
        case let .vocabularyFolderNotFound(searched):
            return "the bundled vocabulary folder was not found (searched: \(searched.joined(separator: ", "))); set TOK_VOCAB_DIR or pass --vocab-dir to a folder holding the .tiktoken files"
        case let .unreadableFile(path, reason):
            return "\(path): \(reason)"
        case let .pattern(message):
            return message
        case let .tokenizerFile(source, path, reason):
            return "\(source): \(path.isEmpty ? "" : "at \(path): ")\(reason)"
        }
    }
}
