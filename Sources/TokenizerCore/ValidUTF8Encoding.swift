import BytePairEncoding

/// A tokenizer that encodes UTF-8 bytes known to be valid without making a String of them (which
/// would check them again and copy them): what the multi-core and streamed paths call on each
/// part of a text.
package protocol ValidUTF8Encoding {
    /// The ids of `text`, which must be valid UTF-8, under `policy`: what
    /// `encode(String(decoding: text, as: UTF8.self), policy:)` gives.
    func encode(validUTF8 text: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy) throws -> [TokenID]

    /// The number of ids `encode(validUTF8:policy:)` returns.
    func countTokens(validUTF8 text: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy) throws -> Int
}

extension Tokenizer {
    /// The ids of valid UTF-8 `text` under `policy`, through `ValidUTF8Encoding` when the
    /// tokenizer has it.
    package func encode(validUTF8 text: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy) throws -> [TokenID] {
        if let direct = self as? any ValidUTF8Encoding { return try direct.encode(validUTF8: text, policy: policy) }
        return try encode(String(decoding: text, as: UTF8.self), policy: policy)
    }

    /// The number of ids of valid UTF-8 `text` under `policy`.
    package func countTokens(validUTF8 text: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy) throws -> Int {
        if let direct = self as? any ValidUTF8Encoding { return try direct.countTokens(validUTF8: text, policy: policy) }
        return try countTokens(String(decoding: text, as: UTF8.self), policy: policy)
    }
}
