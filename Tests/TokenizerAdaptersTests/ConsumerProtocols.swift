// The requirements of the two protocols the adapter is made for, copied by shape (neither package
// is a dependency here): swift-transformers' `Tokenizers.Tokenizer` (1.x, messages as
// `[String: any Sendable]`) and mlx-swift-lm's `MLXLMCommon.Tokenizer`. A conformance of
// `TokenizerAdapter` below compiles exactly as a user's would against the real packages.

/// swift-transformers' `ChatTemplateArgument`.
enum ChatTemplateArgument {
    case literal(String)
    case name(String)
}

/// The requirements of swift-transformers' `Tokenizer` protocol.
protocol SwiftTransformersTokenizer {
    func tokenize(text: String) -> [String]
    func encode(text: String) -> [Int]
    func encode(text: String, addSpecialTokens: Bool) -> [Int]
    func callAsFunction(_ text: String, addSpecialTokens: Bool) -> [Int]
    func decode(tokens: [Int]) -> String
    func decode(tokens: [Int], skipSpecialTokens: Bool) -> String
    func convertTokenToId(_ token: String) -> Int?
    func convertTokensToIds(_ tokens: [String]) -> [Int?]
    func convertIdToToken(_ id: Int) -> String?
    func convertIdsToTokens(_ ids: [Int]) -> [String?]
    var bosToken: String? { get }
    var bosTokenId: Int? { get }
    var eosToken: String? { get }
    var eosTokenId: Int? { get }
    var unknownToken: String? { get }
    var unknownTokenId: Int? { get }
    var hasChatTemplate: Bool { get }
    func applyChatTemplate(messages: [[String: any Sendable]]) throws -> [Int]
    func applyChatTemplate(messages: [[String: any Sendable]], tools: [[String: any Sendable]]?) throws -> [Int]
    func applyChatTemplate(
        messages: [[String: any Sendable]], tools: [[String: any Sendable]]?, additionalContext: [String: any Sendable]?
    ) throws -> [Int]
    func applyChatTemplate(messages: [[String: any Sendable]], chatTemplate: ChatTemplateArgument) throws -> [Int]
    func applyChatTemplate(messages: [[String: any Sendable]], chatTemplate: String) throws -> [Int]
    func applyChatTemplate(
        messages: [[String: any Sendable]], chatTemplate: ChatTemplateArgument?, addGenerationPrompt: Bool,
        truncation: Bool, maxLength: Int?, tools: [[String: any Sendable]]?
    ) throws -> [Int]
}

/// The requirements of mlx-swift-lm's `MLXLMCommon.Tokenizer` protocol.
protocol MLXLMTokenizer: Sendable {
    func encode(text: String, addSpecialTokens: Bool) -> [Int]
    func decode(tokenIds: [Int], skipSpecialTokens: Bool) -> String
    func convertTokenToId(_ token: String) -> Int?
    func convertIdToToken(_ id: Int) -> String?
    var bosToken: String? { get }
    var eosToken: String? { get }
    var unknownToken: String? { get }
    func applyChatTemplate(
        messages: [[String: any Sendable]], tools: [[String: any Sendable]]?, additionalContext: [String: any Sendable]?
    ) throws -> [Int]
}
