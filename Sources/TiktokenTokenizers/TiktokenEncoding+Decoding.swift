import BytePairEncoding
import TokenizerCore

extension TiktokenEncoding {
    /// The bytes of `ids` concatenated; special tokens decode to their text.
    /// - Throws: `TokenizerError.unknownTokenID` naming the first unknown id.
    public func decodeBytes<S: Sequence>(_ ids: S) throws -> [UInt8] where S.Element == TokenID {
        var out: [UInt8] = []
        for id in ids {
            if ranks.appendBytes(of: id, to: &out) { continue }
            guard let text = specialTokens.text(of: id) else { throw TokenizerError.unknownTokenID(id) }
            out.append(contentsOf: text.utf8)
        }
        return out
    }

    /// The text of `ids`. Strict: invalid UTF-8 is an error naming the byte offset.
    public func decode<S: Sequence>(_ ids: S) throws -> String where S.Element == TokenID {
        try Self.text(of: try decodeBytes(ids), invalidUTF8: .fail)
    }

    /// The text of `ids`, with invalid UTF-8 replaced by U+FFFD as Python's `errors="replace"`.
    public func decodeLossy<S: Sequence>(_ ids: S) throws -> String where S.Element == TokenID {
        UTF8Decoding.lossy(try decodeBytes(ids))
    }

    /// The text of `ids` under `options`.
    public func decode(_ ids: [TokenID], options: DecodeOptions) throws -> String {
        let kept = options.skipSpecialTokens ? ids.filter { !specialTokens.contains(id: $0) } : ids
        return try Self.text(of: try decodeBytes(kept), invalidUTF8: options.invalidUTF8)
    }

    /// The bytes of one token (tiktoken's `decode_single_token_bytes`).
    /// - Throws: `TokenizerError.unknownTokenID`.
    public func decodeSingleTokenBytes(_ id: TokenID) throws -> [UInt8] {
        guard let bytes = tokenBytes(id) else { throw TokenizerError.unknownTokenID(id) }
        return bytes
    }

    /// The bytes of one token (a special token's text as UTF-8), or nil when the id is unknown.
    public func tokenBytes(_ id: TokenID) -> [UInt8]? {
        tokenByteSlice(id).map(Array.init)
    }

    /// A decoder for ids arriving one at a time that emits only complete UTF-8 text.
    public func streamingDecoder() -> StreamingTextDecoder {
        StreamingTextDecoder { id in self.tokenByteSlice(id) }
    }

    private func tokenByteSlice(_ id: TokenID) -> ArraySlice<UInt8>? {
        if let bytes = ranks.bytes(of: id) { return bytes }
        return specialTokens.text(of: id).map { ArraySlice($0.utf8) }
    }

    /// `bytes` as text: strict (an error naming the first invalid byte) or lossy.
    static func text(of bytes: [UInt8], invalidUTF8: DecodeOptions.InvalidUTF8) throws -> String {
        if invalidUTF8 == .replace { return UTF8Decoding.lossy(bytes) }
        if let text = UTF8Decoding.strict(bytes) { return text }
        throw TokenizerError.invalidUTF8(offset: UTF8Decoding.firstInvalidOffset(bytes) ?? 0)
    }
}
