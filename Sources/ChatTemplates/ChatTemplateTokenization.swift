import HuggingFaceTokenizers
import TokenizerCore

// The bridge from rendered chats to token ids, over the package's `Tokenizer` protocol: a
// control token kept as text is encoded under `SpecialTokenPolicy.untrusted`, everything else
// under `.markup` (every added token matches, nothing is added around the text), as transformers
// tokenizes with `add_special_tokens=False`.

/// An added token as the chat format sees it: its text and whether it is special.
public struct ChatAddedToken: Sendable, Hashable {
    /// The token's text (`<|im_start|>`, `<think>`).
    public let content: String
    /// Whether the tokenizer marks it special.
    public let special: Bool

    public init(content: String, special: Bool) {
        self.content = content
        self.special = special
    }
}

extension ChatFormat {
    /// A format for `template` with a tokenizer's special-token variables (`bos_token`, … from
    /// its roles) and transformers' control tokens among `addedTokens`.
    /// - Parameter chatControlTokens: the tokenizer's `chat_control_tokens`, when it lists them.
    public init(
        template: ChatTemplate, roles: SpecialTokenRoles, addedTokens: [ChatAddedToken], chatControlTokens: [String]? = nil
    ) {
        var specialTokens = TemplateDictionary()
        for (name, role) in [("bos_token", roles.bos), ("eos_token", roles.eos), ("unk_token", roles.unk), ("pad_token", roles.pad)] {
            if let role { specialTokens[name] = .string(role.text) }
        }
        self.init(
            template: template, specialTokens: specialTokens,
            controlTokens: Self.controlTokens(
                template: template, addedTokens: addedTokens.map { ($0.content, $0.special) }, chatControlTokens: chatControlTokens))
    }
}

extension HuggingFaceTokenizer {
    /// The added tokens, as a chat format sees them.
    public var chatAddedTokens: [ChatAddedToken] {
        addedTokens.map { ChatAddedToken(content: $0.content, special: $0.special) }
    }
}

/// A conversation's token ids, as `apply_chat_template(tokenize=True)` returns them.
public struct EncodedChat: Sendable, Equatable {
    /// The ids.
    public let ids: [UInt32]
    /// The assistant mask (`return_assistant_tokens_mask`), when asked for: true for every token
    /// that overlaps a `{% generation %}` block's text.
    public let assistantMask: [Bool]?
    /// The rendering the ids encode.
    public let rendered: RenderedChat
}

/// Renders and tokenizes conversations: a chat format and its tokenizer.
public struct ChatTokenizer: Sendable {
    /// The format.
    public let format: ChatFormat
    /// The tokenizer.
    public let tokenizer: any Tokenizer
    private let newlineIDs: [UInt32]

    /// A chat tokenizer for `template` with `tokenizer`, whose added tokens are `addedTokens`.
    public init(
        template: ChatTemplate, tokenizer: any Tokenizer, addedTokens: [ChatAddedToken], chatControlTokens: [String]? = nil
    ) throws {
        format = ChatFormat(
            template: template, roles: tokenizer.specialTokenRoles, addedTokens: addedTokens, chatControlTokens: chatControlTokens)
        self.tokenizer = tokenizer
        newlineIDs = try tokenizer.encode("\n", policy: .markup)
    }

    /// A chat tokenizer for `template` with a `tokenizer.json` tokenizer.
    public init(template: ChatTemplate, tokenizer: HuggingFaceTokenizer, chatControlTokens: [String]? = nil) throws {
        try self.init(template: template, tokenizer: tokenizer, addedTokens: tokenizer.chatAddedTokens, chatControlTokens: chatControlTokens)
    }

    /// The ids of a conversation. Safe by default: control-token text from the input stays text,
    /// exactly as transformers' `apply_chat_template(..., sanitize_control_tokens=True)`;
    /// `sanitizeControlTokens: false` gives its default.
    /// - Parameter assistantMask: also compute the assistant mask (needs `{% generation %}` blocks).
    /// - Throws: `ChatTemplateError`, or the tokenizer's error.
    public func encode(
        _ input: ChatInput, sanitizeControlTokens: Bool = true, assistantMask: Bool = false,
        options: ChatTemplate.RenderOptions = .init()
    ) throws -> EncodedChat {
        let rendered = try format.render(
            input, sanitizeControlTokens: sanitizeControlTokens, recordGenerationSpans: assistantMask, options: options)
        var ids: [UInt32] = []
        var offsets: [Range<Int>]? = assistantMask ? [] : nil
        var position = 0
        for (index, segment) in rendered.segments.enumerated() {
            let text = segment.text
            let pieceIDs: [UInt32]
            if index == 0 {
                pieceIDs = try tokenizer.encode(text, policy: .markup)
            } else {
                if text.isEmpty { continue }
                let asText: Bool
                if case .controlTokenAsText = segment { asText = true } else { asText = false }
                pieceIDs = try encodePiece(text, asText: asText)
                if asText, let id = tokenizer.id(forToken: text), pieceIDs.contains(id) {
                    throw ChatTemplateError(
                        kind: .invalidInput, exceptionName: "ValueError",
                        message: "Can't sanitize \(PythonFormatting.quoted(text)): the tokenizer produces it from plain text")
                }
            }
            if offsets != nil { offsets?.append(contentsOf: try tokenOffsets(pieceIDs, text: text, start: position)) }
            position += text.unicodeScalars.count
            ids += pieceIDs
        }
        var mask: [Bool]?
        if let offsets { mask = Self.mask(offsets, spans: rendered.generationSpans) }
        return EncodedChat(ids: ids, assistantMask: mask, rendered: rendered)
    }

    /// A piece after the first: encoded after a newline that is then removed (transformers'
    /// guard against SentencePiece's prefix space), or alone when the newline merged into it.
    private func encodePiece(_ piece: String, asText: Bool) throws -> [UInt32] {
        let policy: SpecialTokenPolicy = asText ? .untrusted : .markup
        let withNewline = try tokenizer.encode("\n" + piece, policy: policy)
        if withNewline.starts(with: newlineIDs) { return Array(withNewline.dropFirst(newlineIDs.count)) }
        return try tokenizer.encode(piece, policy: policy)
    }

    /// Each token's span in Unicode scalars (a token that ends inside a character covers it).
    private func tokenOffsets(_ ids: [UInt32], text: String, start: Int) throws -> [Range<Int>] {
        var scalarOfByte: [Int] = []
        scalarOfByte.reserveCapacity(text.utf8.count)
        for (index, scalar) in text.unicodeScalars.enumerated() {
            scalarOfByte += Array(repeating: index, count: String(scalar).utf8.count)
        }
        var byte = 0
        var spans: [Range<Int>] = []
        for id in ids {
            let length = tokenizer.tokenBytes(id)?.count ?? 0
            guard length > 0, byte + length <= scalarOfByte.count else {
                throw ChatTemplateError(
                    kind: .unsupported, exceptionName: "",
                    message: "unsupported assistant mask over text the tokenizer's normalizer changes")
            }
            spans.append((start + scalarOfByte[byte])..<(start + scalarOfByte[byte + length - 1] + 1))
            byte += length
        }
        if byte != scalarOfByte.count {
            throw ChatTemplateError(
                kind: .unsupported, exceptionName: "", message: "unsupported assistant mask over text the tokenizer's normalizer changes")
        }
        return spans
    }

    /// transformers' mask: a token is marked when it overlaps a generation span.
    static func mask(_ offsets: [Range<Int>], spans: [Range<Int>]) -> [Bool] {
        var mask = Array(repeating: false, count: offsets.count)
        var spanIndex = 0
        for (index, offset) in offsets.enumerated() {
            while spanIndex < spans.count && offset.lowerBound >= spans[spanIndex].upperBound { spanIndex += 1 }
            if spanIndex == spans.count { break }
            if offset.upperBound > spans[spanIndex].lowerBound { mask[index] = true }
        }
        return mask
    }
}
