import BytePairEncoding
import TokenizerCore

extension HuggingFaceTokenizer {
    /// The text of `ids`, as the reference's `decode(ids, skip_special_tokens=…)`: each id's token
    /// string goes through the decoder; invalid UTF-8 becomes U+FFFD, as there.
    /// - Throws: `TokenizerError.unknownTokenID` for an id that is neither a vocabulary nor an added
    ///   token (the reference drops such ids silently).
    public func decode(_ ids: [TokenID], skipSpecialTokens: Bool = false) throws -> String {
        try decode(ids, options: DecodeOptions(invalidUTF8: .replace, skipSpecialTokens: skipSpecialTokens))
    }

    /// The text of `ids` under `options`. With `.fail`, a byte-level tokenizer's text must be valid
    /// UTF-8 (other decoders produce text, never bytes).
    public func decode(_ ids: [TokenID], options: DecodeOptions) throws -> String {
        var tokens: [String] = []
        tokens.reserveCapacity(ids.count)
        var bytes: [UInt8] = []
        let checkBytes = options.invalidUTF8 == .fail && (decoder?.isPlainByteLevel ?? false)
        for id in ids {
            if options.skipSpecialTokens && specialIDs.contains(id) { continue }
            let token = try tokenString(id)
            if checkBytes, let tokenBytes = tokenBytes(id) { bytes += tokenBytes }
            tokens.append(token)
        }
        if checkBytes, let offset = UTF8Decoding.firstInvalidOffset(bytes) { throw TokenizerError.invalidUTF8(offset: offset) }
        guard let decoder else { return tokens.joined(separator: " ") }
        return decoder.decodeChain(tokens).joined()
    }

    /// The token string of `id` (an added token's content, or the vocabulary's string).
    /// - Throws: `TokenizerError.unknownTokenID`.
    public func tokenString(_ id: TokenID) throws -> String {
        guard let token = token(for: id) else { throw TokenizerError.unknownTokenID(id) }
        return token
    }

    /// The bytes `id` decodes to alone: its byte-level characters decoded under a byte-level
    /// decoder, else its token string as UTF-8; nil for an unknown id.
    public func tokenBytes(_ id: TokenID) -> [UInt8]? {
        tokenByteSlice(id).map(Array.init)
    }

    /// A decoder for ids arriving one at a time that emits only complete UTF-8 text.
    public func streamingDecoder() -> StreamingTextDecoder {
        StreamingTextDecoder { id in self.tokenByteSlice(id) }
    }

    private func tokenByteSlice(_ id: TokenID) -> ArraySlice<UInt8>? {
        if addedVocabulary.token(id: id) == nil, decoder?.isPlainByteLevel ?? false, model.byteLevel,
           let bytes = model.tokenTable.bytes(of: id) {
            return bytes
        }
        guard let token = token(for: id) else { return nil }
        if decoder?.isPlainByteLevel ?? false, let bytes = ByteLevelAlphabet.bytes(of: token) { return ArraySlice(bytes) }
        return ArraySlice(token.utf8)
    }
}
