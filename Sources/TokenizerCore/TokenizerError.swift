import BytePairEncoding
import OrderedJSON
import Pretokenization

/// Errors of loading and running tokenizers. Each names what is wrong and where (file, line, JSON
/// path, token, byte offset); errors from a lower layer are wrapped, not flattened into text.
public enum TokenizerError: Error, Equatable, CustomStringConvertible {
    /// The text spells a special token that the policy disallows.
    case disallowedSpecialToken(String)
    /// A token id that the vocabulary does not have.
    case unknownTokenID(TokenID)
    /// Decoded bytes are not valid UTF-8 (strict decoding); `offset` is the first bad byte.
    case invalidUTF8(offset: Int)
    /// A single token was asked for, and the text is not exactly one token.
    case notASingleToken(String)
    /// A vocabulary file is malformed.
    case malformedVocabulary(source: String, line: Int?, reason: String)
    /// A bundled vocabulary file does not have the published SHA-256.
    case checksumMismatch(file: String, expected: String, actual: String)
    /// No tokenizer of that name is bundled (or known for a model name).
    case unknownEncoding(name: String, available: [String])
    /// The folder of bundled vocabularies could not be found.
    case vocabularyFolderNotFound(searched: [String])
    /// A file could not be read.
    case unreadableFile(path: String, reason: String)
    /// The pre-tokenization pattern could not be compiled or run.
    case pattern(RegexError)
    /// Normalization failed (ICU reported an error).
    case normalization(String)
    /// A JSON file (tokenizer.json, tokenizer_config.json) does not parse.
    case invalidJSON(source: String, JSONSyntaxError)
    /// A `tokenizer.json` (or `tokenizer_config.json`) holds a value of the wrong shape or a
    /// component that is not supported; the error names its JSON path.
    case tokenizerFile(source: String, JSONShapeError)
    /// The policy asks for something this tokenizer cannot do (named in the message).
    case unsupportedPolicy(String)

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
            return "the bundled vocabulary folder was not found (searched: \(searched.joined(separator: ", "))); install the package's resource folders beside the executable, or load from an explicit folder"
        case let .unreadableFile(path, reason):
            return "\(path): \(reason)"
        case let .pattern(error):
            return error.description
        case let .normalization(message):
            return "normalization failed: \(message)"
        case let .invalidJSON(source, error):
            return "\(source): not valid JSON: \(error)"
        case let .tokenizerFile(source, error):
            return "\(source): \(error)"
        case let .unsupportedPolicy(message):
            return message
        }
    }
}
