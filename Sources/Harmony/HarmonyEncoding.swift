import BytePairEncoding
import Foundation
import TokenizerSuite

/// The harmony format of gpt-oss on the o200k_harmony vocabulary: renders conversations to token
/// ids and parses completions back, exactly as openai-harmony 0.0.8 does. Immutable and `Sendable`.
public struct HarmonyEncoding: Sendable {
    /// The encoding's name, as openai-harmony reports it.
    public let name = "HarmonyGptOss"
    /// The underlying byte-pair encoding (text fragments are encoded with `encodeOrdinary`).
    public let tokenizer: TiktokenEncoding

    /// The formatting tokens of the format.
    public enum FormattingToken {
        /// `<|start|>`
        public static let start: TokenID = 200006
        /// `<|message|>`
        public static let message: TokenID = 200008
        /// `<|end|>`
        public static let end: TokenID = 200007
        /// `<|return|>`
        public static let returnToken: TokenID = 200002
        /// `<|call|>`
        public static let call: TokenID = 200012
        /// `<|channel|>`
        public static let channel: TokenID = 200005
        /// `<|constrain|>`
        public static let constrain: TokenID = 200003
    }

    /// The first and last special token ids of the harmony vocabulary.
    static let specialRange: ClosedRange<TokenID> = 199998...201088
    private static let namedSpecials: [TokenID: String] = [
        199998: "<|startoftext|>", 199999: "<|endoftext|>", 200002: "<|return|>", 200003: "<|constrain|>",
        200005: "<|channel|>", 200006: "<|start|>", 200007: "<|end|>", 200008: "<|message|>", 200012: "<|call|>",
    ]

    /// The gpt-oss encoding on the bundled o200k_harmony vocabulary (or the one in
    /// `vocabularyFolder`). Loading is cached per process.
    /// - Throws: `TokenizerError` when the vocabulary cannot be loaded.
    public static func gptOss(vocabularyFolder: URL? = nil) throws -> HarmonyEncoding {
        HarmonyEncoding(tokenizer: try TiktokenEncoding.bundled("o200k_harmony", vocabularyFolder: vocabularyFolder))
    }

    /// The format on `tokenizer`, which must have o200k_base's ordinary tokens.
    public init(tokenizer: TiktokenEncoding) {
        self.tokenizer = tokenizer
    }

    private static let messageEnds: Set<TokenID> = [FormattingToken.returnToken, FormattingToken.end, FormattingToken.call]
    private static let actionEnds: Set<TokenID> = [FormattingToken.returnToken, FormattingToken.call]

    /// Tokens that end a message: `<|return|>`, `<|end|>`, `<|call|>`.
    public var stopTokens: Set<TokenID> { Self.messageEnds }

    /// Tokens to stop sampling at: `<|return|>` and `<|call|>`.
    public var stopTokensForAssistantActions: Set<TokenID> { Self.actionEnds }

    /// Whether `id` ends a message (`<|return|>`, `<|end|>` or `<|call|>`).
    public func isStopToken(_ id: TokenID) -> Bool {
        id == FormattingToken.end || id == FormattingToken.call || id == FormattingToken.returnToken
    }

    /// Whether `id` is one of the 1,091 harmony special tokens (199998…201088).
    public func isSpecialToken(_ id: TokenID) -> Bool {
        Self.specialRange.contains(id)
    }

    /// The text of a special token in openai-harmony's naming (`<|reserved_200018|>`, not tiktoken's
    /// `<|endofprompt|>`), or nil when `id` is not special.
    public func specialTokenText(_ id: TokenID) -> String? {
        guard isSpecialToken(id) else { return nil }
        return Self.namedSpecials[id] ?? "<|reserved_\(id)|>"
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
