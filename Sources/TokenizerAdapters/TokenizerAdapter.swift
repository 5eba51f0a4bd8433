import ChatTemplates
import Foundation
import TokenizerCore
import TokenizerSuite

/// A loaded tokenizer (and its chat template) in the method shapes that swift-transformers'
/// `Tokenizer` protocol and mlx-swift-lm's `MLXLMCommon.Tokenizer` protocol require, so either
/// package can use it through a conformance of a line or two:
///
/// ```swift
/// extension TokenizerAdapter: @retroactive MLXLMCommon.Tokenizer {}
/// ```
///
/// Those protocols' methods do not throw: `encode` encodes special-token text as the tokenizer's
/// reference does by default but never rejects it (tiktoken encodings: as ordinary text, like
/// `encode_ordinary`; `tokenizer.json`: every added token matches, like tokenizers), and `decode`
/// replaces invalid UTF-8 with U+FFFD and leaves out ids the vocabulary lacks, as swift-transformers
/// does. The throwing `Tokenizer` API stays available through `tokenizer`.
public struct TokenizerAdapter: Sendable {
    /// The tokenizer.
    public let tokenizer: any Tokenizer
    /// The default chat template with the tokenizer, when there is one.
    public let chat: ChatTokenizer?
    /// Every template that came with the tokenizer (for a named one), when there are any.
    public let catalog: ChatTemplateCatalog?

    /// Another template than the default: a template's source, or the name of one in `catalog`.
    public enum TemplateChoice: Sendable, Hashable {
        case source(String)
        case named(String)
    }

    /// An adapter for `tokenizer`, with `chatTemplate` (a template's source) when given.
    /// - Throws: `ChatTemplateError` when the template does not compile.
    public init(_ tokenizer: any Tokenizer, chatTemplate: String? = nil) throws {
        try self.init(tokenizer, catalog: chatTemplate.map { ChatTemplateCatalog(sources: [(name: "default", source: $0)], isSingle: true) })
    }

    /// An adapter for `tokenizer` with the templates of `catalog` (its default one compiled now).
    /// - Throws: `ChatTemplateError` when the default template does not compile.
    public init(_ tokenizer: any Tokenizer, catalog: ChatTemplateCatalog?) throws {
        self.tokenizer = tokenizer
        self.catalog = catalog.flatMap { $0.sources.isEmpty ? nil : $0 }
        // Several templates without a `default` have none to compile now: each call names one.
        if let catalog = self.catalog, let source = try? catalog.source() {
            chat = try Self.chatTokenizer(source: source, tokenizer: tokenizer)
        } else {
            chat = nil
        }
    }

    static func chatTokenizer(source: String, tokenizer: any Tokenizer) throws -> ChatTokenizer {
        let template = try ChatTemplate(source)
        if let json = tokenizer as? HuggingFaceTokenizer { return try ChatTokenizer(template: template, tokenizer: json) }
        return try ChatTokenizer(template: template, tokenizer: tokenizer, addedTokens: [])
    }

    /// The tokenizer `source` names, with the chat template of its model folder or bundled
    /// configuration (`tokenizer_config.json`'s `chat_template`, or `chat_template.jinja`), if any.
    /// - Throws: `TokenizerError` or `ChatTemplateError` naming the file and what is wrong.
    public static func load(_ source: TokenizerSource, vocabularyFolder: URL? = nil) throws -> TokenizerAdapter {
        let tokenizer = try TokenizerRegistry.load(source, vocabularyFolder: vocabularyFolder)
        let catalog: ChatTemplateCatalog?
        switch source {
        case let .bundled(name):
            catalog = BundledHuggingFaceTokenizer(rawValue: name) != nil ? try ChatTemplateCatalog.bundled(name) : nil
        case let .tokenizerJSON(path):
            let folder = FileBytes.isFolder(path) ? path : URL(fileURLWithPath: path).deletingLastPathComponent().path
            catalog = try ChatTemplateCatalog(folder: folder)
        case let .huggingFaceHub(repository, revision):
            catalog = try ChatTemplateCatalog(folder: HuggingFaceHubCache().snapshot(of: repository, revision: revision))
        case .tiktoken:
            catalog = nil
        }
        return try TokenizerAdapter(tokenizer, catalog: catalog)
    }

    // MARK: Encoding

    /// The policy of the non-throwing `encode`: the reference's matching, nothing rejected.
    var encodePolicy: SpecialTokenPolicy {
        var policy = tokenizer.defaultPolicy
        policy.disallowed = .none
        return policy
    }

    /// The vocabulary entries of `text`'s tokens (swift-transformers' `tokenize`).
    public func tokenize(text: String) -> [String] {
        encode(text: text, addSpecialTokens: false).compactMap(convertIdToToken)
    }

    /// The ids of `text`, with the post-processor's tokens (BOS/EOS) where the tokenizer has them.
    public func encode(text: String) -> [Int] {
        encode(text: text, addSpecialTokens: true)
    }

    /// The ids of `text`; `addSpecialTokens` adds the post-processor's tokens (BOS/EOS) where the
    /// tokenizer has them. Empty only when the tokenizer cannot encode the text at all (a
    /// normalizer failure), which the throwing `tokenizer.encode` reports.
    public func encode(text: String, addSpecialTokens: Bool) -> [Int] {
        var policy = encodePolicy
        policy.addSpecialTokens = addSpecialTokens && tokenizer.specialTokenTemplate != nil
        return ((try? tokenizer.encode(text, policy: policy)) ?? []).map(Int.init)
    }

    /// `encode(text:addSpecialTokens:)`.
    public func callAsFunction(_ text: String, addSpecialTokens: Bool = true) -> [Int] {
        encode(text: text, addSpecialTokens: addSpecialTokens)
    }

    // MARK: Decoding

    /// The text of `tokens` (swift-transformers' shape), special tokens kept.
    public func decode(tokens: [Int]) -> String {
        decode(tokenIds: tokens, skipSpecialTokens: false)
    }

    /// The text of `tokens` (swift-transformers' shape).
    public func decode(tokens: [Int], skipSpecialTokens: Bool) -> String {
        decode(tokenIds: tokens, skipSpecialTokens: skipSpecialTokens)
    }

    /// The text of `tokenIds` (mlx-swift-lm's shape): invalid UTF-8 as U+FFFD, unknown ids left out.
    public func decode(tokenIds: [Int], skipSpecialTokens: Bool) -> String {
        let known = tokenIds.compactMap { id -> TokenID? in
            guard id >= 0, id <= Int(UInt32.max), tokenizer.tokenBytes(TokenID(id)) != nil else { return nil }
            return TokenID(id)
        }
        return (try? tokenizer.decode(known, options: DecodeOptions(invalidUTF8: .replace, skipSpecialTokens: skipSpecialTokens))) ?? ""
    }

    // MARK: Vocabulary

    /// The id of a vocabulary entry (`Ġhello`, `<|im_start|>`), or nil.
    public func convertTokenToId(_ token: String) -> Int? {
        tokenizer.id(forToken: token).map(Int.init)
    }

    /// `convertTokenToId` of each token.
    public func convertTokensToIds(_ tokens: [String]) -> [Int?] {
        tokens.map(convertTokenToId)
    }

    /// The vocabulary entry of an id, or nil.
    public func convertIdToToken(_ id: Int) -> String? {
        guard id >= 0, id <= Int(UInt32.max) else { return nil }
        return tokenizer.token(for: TokenID(id))
    }

    /// `convertIdToToken` of each id.
    public func convertIdsToTokens(_ ids: [Int]) -> [String?] {
        ids.map(convertIdToToken)
    }

    /// The beginning-of-sequence token's text.
    public var bosToken: String? { tokenizer.specialTokenRoles.bos?.text }
    /// Its id.
    public var bosTokenId: Int? { tokenizer.specialTokenRoles.bos.map { Int($0.id) } }
    /// The end-of-sequence token's text.
    public var eosToken: String? { tokenizer.specialTokenRoles.eos?.text }
    /// Its id.
    public var eosTokenId: Int? { tokenizer.specialTokenRoles.eos.map { Int($0.id) } }
    /// The unknown token's text.
    public var unknownToken: String? { tokenizer.specialTokenRoles.unk?.text }
    /// Its id.
    public var unknownTokenId: Int? { tokenizer.specialTokenRoles.unk.map { Int($0.id) } }

    // MARK: Chat templates

    /// Whether a chat template came with the tokenizer.
    public var hasChatTemplate: Bool { catalog != nil }

    /// The ids of a conversation with the generation prompt, as `apply_chat_template(messages,
    /// add_generation_prompt=True, tokenize=True)`; control-token text in messages stays text.
    public func applyChatTemplate(messages: [[String: any Sendable]]) throws -> [Int] {
        try applyChatTemplate(messages: messages, tools: nil, additionalContext: nil)
    }

    /// The same with tool schemas.
    public func applyChatTemplate(messages: [[String: any Sendable]], tools: [[String: any Sendable]]?) throws -> [Int] {
        try applyChatTemplate(messages: messages, tools: tools, additionalContext: nil)
    }

    /// The same with extra template variables (`["enable_thinking": false]`). Swift dictionaries
    /// have no order, so their members reach the template sorted by key (what `tojson` of a tool
    /// schema shows); for the exact order of a JSON document, build a `ChatInput` from
    /// `TemplateValue(json:)` and use `chat` directly.
    /// - Throws: `ChatTemplateError` (`.invalidInput` naming a value of a type JSON does not have,
    ///   or no template), or what the template raises.
    public func applyChatTemplate(
        messages: [[String: any Sendable]], tools: [[String: any Sendable]]?, additionalContext: [String: any Sendable]?
    ) throws -> [Int] {
        try applyChatTemplate(messages: messages, tools: tools, additionalContext: additionalContext, template: nil)
    }

    /// The same with every option of swift-transformers' longest form: another template (a source,
    /// or a name among several), the generation prompt on or off, and the ids cut to `maxLength`.
    /// With several templates and none named, `tool_use` is chosen when there are tools, as
    /// transformers does.
    public func applyChatTemplate(
        messages: [[String: any Sendable]], tools: [[String: any Sendable]]?, additionalContext: [String: any Sendable]?,
        template: TemplateChoice?, addGenerationPrompt: Bool = true, maxLength: Int? = nil
    ) throws -> [Int] {
        let chat: ChatTokenizer
        switch template {
        case let .source(source)?:
            chat = try Self.chatTokenizer(source: source, tokenizer: tokenizer)
        case let .named(name)?:
            guard let catalog else { throw noTemplate }
            chat = try Self.chatTokenizer(source: try catalog.source(named: name), tokenizer: tokenizer)
        case nil:
            guard let catalog else { throw noTemplate }
            if let compiled = self.chat, catalog.isSingle || tools == nil { chat = compiled } else {
                chat = try Self.chatTokenizer(source: try catalog.source(hasTools: tools != nil), tokenizer: tokenizer)
            }
        }
        var variables = TemplateDictionary()
        for (key, value) in (additionalContext ?? [:]).sorted(by: { $0.key < $1.key }) {
            variables[key] = try Self.templateValue(value, path: "additionalContext.\(key)")
        }
        let input = ChatInput(
            messages: try messages.enumerated().map { try Self.templateValue($0.element, path: "messages[\($0.offset)]") },
            tools: try tools.map { try $0.enumerated().map { try Self.templateValue($0.element, path: "tools[\($0.offset)]") } },
            addGenerationPrompt: addGenerationPrompt, variables: variables)
        let ids = try chat.encode(input).ids.map(Int.init)
        return maxLength.map { Array(ids.prefix(max(0, $0))) } ?? ids
    }

    private var noTemplate: ChatTemplateError {
        ChatTemplateError(
            kind: .invalidInput, exceptionName: "ValueError",
            message: "\(tokenizer.name) has no chat template (no chat_template in tokenizer_config.json, no chat_template.jinja)")
    }

    /// A Swift value as a template value: strings, Booleans, integers, floating-point numbers,
    /// arrays, dictionaries (members sorted by key) and nil / `NSNull`.
    static func templateValue(_ value: Any?, path: String) throws -> TemplateValue {
        guard let value else { return .none }
        switch value {
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .int(number)
        case let number as Int32: return .int(Int(number))
        case let number as Int64: return .int(Int(number))
        case let number as UInt32: return .int(Int(number))
        case let number as Double: return .float(number)
        case let number as Float: return .float(Double(number))
        case is NSNull: return .none
        case let list as [Any]:
            return .list(try list.enumerated().map { try templateValue($0.element, path: "\(path)[\($0.offset)]") })
        case let dictionary as [String: Any]:
            return .dictionary(TemplateDictionary(try dictionary.sorted { $0.key < $1.key }.map {
                (key: $0.key, value: try templateValue($0.value, path: "\(path).\($0.key)"))
            }))
        default:
            if case Optional<Any>.none = value { return .none }
            throw ChatTemplateError(
                kind: .invalidInput, exceptionName: "TypeError", message: "\(path): a \(type(of: value)) is not a JSON value")
        }
    }
}
