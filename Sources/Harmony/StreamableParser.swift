import OrderedJSON
import BytePairEncoding

/// Parses a completion one token at a time, exactly as openai-harmony's `StreamableParser`:
/// exposes the current message's header and content, the last content delta, and the finished
/// messages.
public struct StreamableParser: Sendable {
    /// Where the parser is.
    public enum State: Sendable, Hashable {
        /// Waiting for `<|start|>`.
        case expectStart
        /// Reading a header (tokens so far).
        case header(tokens: [TokenID])
        /// Reading content after `<|message|>`.
        case content(header: ParsedHeader, tokens: [TokenID])

        /// The state's name (`ExpectStart`, `Header`, `Content`).
        public var name: String {
            switch self {
            case .expectStart: return "ExpectStart"
            case .header: return "Header"
            case .content: return "Content"
            }
        }
    }

    /// The encoding.
    public let encoding: HarmonyEncoding
    /// Whether malformed input is an error (true) or recovered from where the reference does.
    public let strict: Bool
    /// Every token processed so far.
    public private(set) var tokens: [TokenID] = []
    /// The messages finished so far.
    public private(set) var messages: [Message] = []
    /// The state.
    public private(set) var state: State
    /// The text the last token added to the content (nil when it added none).
    public private(set) var lastContentDelta: String?

    private var nextRole: Role?
    private var content = ""
    private var undecodedTokens: [TokenID] = []
    private var undecodedBytes: [UInt8] = []

    /// A parser. With `role`, the prompt already ended with `<|start|>` and that role, so parsing
    /// starts inside a header; without, it expects `<|start|>`.
    public init(encoding: HarmonyEncoding, role: Role?, strict: Bool = true) {
        self.encoding = encoding
        self.strict = strict
        nextRole = role
        state = role == nil ? .expectStart : .header(tokens: [])
    }

    /// The current message's role (from its header, or the role the parser expects).
    public var currentRole: Role? {
        if case let .content(header, _) = state { return header.author.role }
        return nextRole
    }

    /// The current message's channel, once its header is read.
    public var currentChannel: String? {
        if case let .content(header, _) = state { return header.channel }
        return nil
    }

    /// The current message's recipient, once its header is read.
    public var currentRecipient: String? {
        if case let .content(header, _) = state { return header.recipient }
        return nil
    }

    /// The current message's content type, once its header is read.
    public var currentContentType: String? {
        if case let .content(header, _) = state { return header.contentType }
        return nil
    }

    /// The current message's content so far ("" outside content).
    public var currentContent: String {
        if case .content = state { return content }
        return ""
    }

    /// The state as openai-harmony's `state_data` JSON: `{"state":"Header","header_tokens":[…]}`…
    public var stateJSON: JSONValue {
        func ids(_ tokens: [TokenID]) -> JSONValue { .array(tokens.map { .number(.unsigned(UInt64($0))) }) }
        switch state {
        case .expectStart:
            return ["state": "ExpectStart"]
        case let .header(tokens):
            return ["state": "Header", "header_tokens": ids(tokens)]
        case let .content(header, tokens):
            return ["state": "Content", "header": header.json, "content_tokens": ids(tokens)]
        }
    }

    /// Processes one token.
    /// - Throws: `HarmonyError` (kind `.parse`) with openai-harmony's message. The parser is then
    ///   left as the reference leaves it.
    public mutating func process(_ token: TokenID) throws {
        tokens.append(token)
        switch state {
        case .expectStart:
            guard token == encoding.formattingTokens.start else {
                throw HarmonyError(.parse, "Unexpected token \(token) while expecting start token \(encoding.formattingTokens.start)")
            }
            state = .header(tokens: [])
        case var .header(headerTokens):
            if token == encoding.formattingTokens.message {
                state = .expectStart
                let header = try parseHeader(headerTokens)
                nextRole = nil
                state = .content(header: header, tokens: [])
                content = ""
            } else if !strict && encoding.isStopToken(token) {
                try recoverHeaderWithoutMessage(headerTokens)
            } else {
                // Release the state's copy first so the array grows in place.
                state = .expectStart
                headerTokens.append(token)
                state = .header(tokens: headerTokens)
            }
        case .content(let header, var contentTokens):
            if encoding.isStopToken(token) {
                finishMessage(header)
            } else {
                state = .expectStart
                defer { state = .content(header: header, tokens: contentTokens) }
                try appendContent(token, to: &contentTokens)
            }
        }
    }

    /// Processes a sequence of tokens.
    public mutating func process<S: Sequence>(contentsOf tokens: S) throws where S.Element == TokenID {
        for token in tokens { try process(token) }
    }

    /// Signals the end of the stream: finishes a message in progress.
    /// - Throws: `HarmonyError` when the stream ends inside a header.
    public mutating func processEOS() throws {
        switch state {
        case .expectStart: break
        case .header: throw HarmonyError(.parse, "Unexpected EOS while waiting for message header to complete")
        case let .content(header, _): finishMessage(header)
        }
    }

    private func parseHeader(_ headerTokens: [TokenID]) throws -> ParsedHeader {
        guard let bytes = try? encoding.decodeBytes(headerTokens), let text = UTF8Decoding.strict(bytes) else {
            throw HarmonyError(.parse, "could not decode header")
        }
        let (header, remaining) = try ParsedHeader.parse(text, role: nextRole, splitRecipientAndType: true)
        if let remaining {
            throw HarmonyError(.parse, "unexpected tokens remaining in message header: Some(\(rustDebugQuoted(remaining)))")
        }
        return header
    }

    /// Non-strict: a stop token inside a header ends a message that never had `<|message|>`; with a
    /// known role its header words become the text, otherwise it is dropped.
    private mutating func recoverHeaderWithoutMessage(_ headerTokens: [TokenID]) throws {
        if let role = nextRole, !headerTokens.isEmpty {
            let text = try encoding.decodeUTF8(headerTokens)
            let (header, remaining) = try ParsedHeader.parse(text, role: role, splitRecipientAndType: false)
            messages.append(Message(author: header.author, recipient: header.recipient, content: [.text(remaining ?? "")],
                                    channel: header.channel, contentType: header.contentType))
        }
        state = .expectStart
        nextRole = nil
    }

    private mutating func appendContent(_ token: TokenID, to contentTokens: inout [TokenID]) throws {
        undecodedTokens.append(token)
        guard let bytes = try? encoding.decodeBytes(undecodedTokens) else {
            lastContentDelta = nil
            return
        }
        undecodedBytes.append(contentsOf: bytes)
        undecodedTokens.removeAll()
        // The valid prefix and one replacement character are encoded as separate fragments; bytes
        // after an invalid sequence wait for the next token.
        let (validLength, errorLength) = Self.utf8Prefix(undecodedBytes)
        var delta = ""
        if validLength > 0 {
            let valid = String(decoding: undecodedBytes[..<validLength], as: UTF8.self)
            try encoding.appendText(valid, to: &contentTokens)
            delta += valid
            undecodedBytes.removeFirst(validLength)
        }
        if let errorLength {
            try encoding.appendText("\u{FFFD}", to: &contentTokens)
            delta += "\u{FFFD}"
            undecodedBytes.removeFirst(errorLength)
        }
        content += delta
        lastContentDelta = delta.isEmpty ? nil : delta
    }

    /// The length of the valid UTF-8 prefix of `bytes` and, when an invalid sequence follows it, the
    /// length of that sequence (nil when the bytes are valid or only end incomplete), as Rust's
    /// `Utf8Error::valid_up_to` and `error_len`.
    static func utf8Prefix(_ bytes: [UInt8]) -> (valid: Int, error: Int?) {
        var index = 0
        while index < bytes.count {
            let length = UTF8Decoding.validSequenceLength(bytes, at: index)
            if length > 0 {
                index += length
                continue
            }
            if UTF8Decoding.isIncompletePrefix(bytes, from: index) { return (index, nil) }
            // Rust's `error_len`: the maximal prefix of a valid sequence, at least one byte.
            return (index, max(1, UTF8Decoding.sequencePrefix(bytes, at: index).matched))
        }
        return (index, nil)
    }

    private mutating func finishMessage(_ header: ParsedHeader) {
        var text = content
        if !undecodedTokens.isEmpty { text += "\u{FFFD}" }
        text += UTF8Decoding.lossy(undecodedBytes)
        messages.append(Message(author: header.author, recipient: header.recipient, content: [.text(text)],
                                channel: header.channel, contentType: header.contentType))
        state = .expectStart
        lastContentDelta = nil
        content = ""
        undecodedTokens.removeAll()
        undecodedBytes.removeAll()
    }
}

/// A string quoted as Rust's `Debug` quotes it (`"a \"b\"\n"`): grapheme extenders and characters
/// that are not printable (controls, formats, separators other than the space, private use,
/// unassigned) become `\u{hex}`.
func rustDebugQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\0": out += "\\0"
        default:
            let properties = scalar.properties
            let hidden: Bool
            switch properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator: hidden = true
            case .spaceSeparator: hidden = scalar != " "
            default: hidden = properties.isGraphemeExtend
            }
            if hidden {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
