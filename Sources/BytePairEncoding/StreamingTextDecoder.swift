/// Turns token ids, fed one at a time, into text, emitting only complete UTF-8: a scalar split across
/// tokens is held back until its last byte arrives. Bytes that can never become valid UTF-8 are
/// emitted as U+FFFD (as Python's `errors="replace"` does), so nothing is silently lost.
public struct StreamingTextDecoder {
    private let tokenBytes: (TokenID) -> ArraySlice<UInt8>?
    private var pending: [UInt8] = []

    /// A decoder whose tokens are looked up with `tokenBytes` (nil for an unknown id).
    public init(tokenBytes: @escaping (TokenID) -> ArraySlice<UInt8>?) {
        self.tokenBytes = tokenBytes
    }

    /// Adds one token and returns the text that became complete (possibly empty).
    /// - Throws: `UnknownTokenError` for an id the vocabulary does not have.
    public mutating func push(_ id: TokenID) throws -> String {
        guard let bytes = tokenBytes(id) else { throw UnknownTokenError(id: id) }
        pending.append(contentsOf: bytes)
        return drain(final: false)
    }

    /// Ends the stream: returns what is still held back (an incomplete sequence becomes U+FFFD).
    public mutating func finish() -> String {
        drain(final: true)
    }

    /// The bytes held back, waiting for the rest of a scalar.
    public var pendingBytes: [UInt8] { pending }

    private mutating func drain(final: Bool) -> String {
        var end = 0
        var i = 0
        while i < pending.count {
            let length = UTF8Decoding.validSequenceLength(pending, at: i)
            if length > 0 { i += length; end = i; continue }
            if !final && UTF8Decoding.isIncompletePrefix(pending, from: i) { break }
            // An invalid byte: consumed (and replaced) now.
            i += 1
            end = i
        }
        guard end > 0 else { return "" }
        let text = UTF8Decoding.lossy(pending[0..<end])
        pending.removeFirst(end)
        return text
    }
}

/// A token id that the vocabulary does not have.
public struct UnknownTokenError: Error, Equatable, CustomStringConvertible {
    /// The id that was not found.
    public let id: TokenID
    /// Creates the error for `id`.
    public init(id: TokenID) { self.id = id }
    public var description: String { "unknown token id \(id)" }
}
