import BytePairEncoding
import Foundation
import TiktokenTokenizers
import TokenizerCore

/// The harmony format of gpt-oss on the o200k_harmony vocabulary: renders conversations to token
/// ids and parses completions back, exactly as openai-harmony 0.0.8 does. Immutable and `Sendable`.
public struct HarmonyEncoding: Sendable {
    /// The encoding's name, as openai-harmony reports it.
    public let name = "HarmonyGptOss"
    /// The underlying byte-pair encoding (text fragments are encoded with `encodeOrdinary`).
    public let tokenizer: TiktokenEncoding

    /// The formatting tokens' ids, from the vocabulary.
    public let formattingTokens: FormattingTokens
    /// The special tokens' names in openai-harmony's naming: for each id, the last name the
    /// vocabulary gives it (so 200018 is `<|reserved_200018|>`, not tiktoken's `<|endofprompt|>`).
    private let specialNames: [TokenID: String]
    /// The special ids openai-harmony knows: the vocabulary's first special id through one past
    /// its last id (openai-harmony also names 201088, `<|reserved_201088|>`, which o200k_harmony lacks).
    let specialRange: ClosedRange<TokenID>

    /// The gpt-oss encoding on the bundled o200k_harmony vocabulary (or the one in
    /// `vocabularyFolder`). Loading is cached per process.
    /// - Throws: `TokenizerError` when the vocabulary cannot be loaded.
    public static func gptOss(vocabularyFolder: URL? = nil) throws -> HarmonyEncoding {
        try HarmonyEncoding(tokenizer: try TiktokenEncoding.bundled(BundledEncoding.o200kHarmony.rawValue, vocabularyFolder: vocabularyFolder))
    }

    /// The format on `tokenizer`, which must have o200k_base's ordinary tokens and the harmony
    /// special tokens (by name).
    /// - Throws: `HarmonyError` naming a formatting token the vocabulary lacks.
    public init(tokenizer: TiktokenEncoding) throws {
        self.tokenizer = tokenizer
        formattingTokens = try FormattingTokens(tokenizer)
        var names: [TokenID: String] = [:]
        for (text, id) in tokenizer.specialTokens.entries { names[id] = text }
        specialNames = names
        let first = names.keys.min() ?? 0
        specialRange = first...max(first, TokenID(tokenizer.vocabularySize))
    }

    /// Tokens that end a message: `<|return|>`, `<|end|>`, `<|call|>`.
    public var stopTokens: Set<TokenID> { [formattingTokens.returnToken, formattingTokens.end, formattingTokens.call] }

    /// Tokens to stop sampling at: `<|return|>` and `<|call|>`.
    public var stopTokensForAssistantActions: Set<TokenID> { [formattingTokens.returnToken, formattingTokens.call] }

    /// Whether `id` ends a message (`<|return|>`, `<|end|>` or `<|call|>`).
    public func isStopToken(_ id: TokenID) -> Bool {
        id == formattingTokens.end || id == formattingTokens.call || id == formattingTokens.returnToken
    }

    /// Whether `id` is one of openai-harmony's special tokens (199998…201088 on o200k_harmony).
    public func isSpecialToken(_ id: TokenID) -> Bool {
        specialRange.contains(id)
    }

    /// The text of a special token in openai-harmony's naming (`<|reserved_200018|>`, not tiktoken's
    /// `<|endofprompt|>`), or nil when `id` is not special.
    public func specialTokenText(_ id: TokenID) -> String? {
        guard isSpecialToken(id) else { return nil }
        return specialNames[id] ?? "<|reserved_\(id)|>"
    }

    /// The bytes of one token, or nil when the id is unknown.
    public func tokenBytes(_ id: TokenID) -> ArraySlice<UInt8>? {
        if let text = specialTokenText(id) { return ArraySlice(text.utf8) }
        return tokenizer.ranks.bytes(of: id)
    }

    /// The bytes of `ids` concatenated (special tokens as their text).
    /// - Throws: `HarmonyError` (kind `.decode`) naming the first unknown id.
    public func decodeBytes<S: Sequence>(_ ids: S) throws -> [UInt8] where S.Element == TokenID {
        var out: [UInt8] = []
        for id in ids {
            guard let bytes = tokenBytes(id) else {
                throw HarmonyError(.decode, "Could not decode tokens: Invalid token error: Invalid token for decoding: \(id)")
            }
            out.append(contentsOf: bytes)
        }
        return out
    }

    /// The text of `ids`; invalid UTF-8 is an error.
    /// - Throws: `HarmonyError` (kind `.decode`) with openai-harmony's message.
    public func decodeUTF8<S: Sequence>(_ ids: S) throws -> String where S.Element == TokenID {
        let bytes = try decodeBytes(ids)
        let (valid, errorLength) = StreamableParser.utf8Prefix(bytes)
        if valid == bytes.count { return String(decoding: bytes, as: UTF8.self) }
        let detail = errorLength.map { "invalid utf-8 sequence of \($0) bytes from index \(valid)" }
            ?? "incomplete utf-8 byte sequence from index \(valid)"
        throw HarmonyError(.decode, "Could not decode tokens: Invalid utf-8 sequence: \(detail)")
    }

    /// The text of `ids` with invalid UTF-8 replaced by U+FFFD.
    public func decode<S: Sequence>(_ ids: S) throws -> String where S.Element == TokenID {
        UTF8Decoding.lossy(try decodeBytes(ids))
    }

    /// Appends the ordinary-text tokens of `text` (special-token text stays text).
    func appendText(_ text: String, to out: inout [TokenID]) throws {
        guard !text.isEmpty else { return }
        out.append(contentsOf: try tokenizer.encodeOrdinary(text))
    }
}
