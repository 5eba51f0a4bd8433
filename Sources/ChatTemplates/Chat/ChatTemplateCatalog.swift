import Foundation
import HuggingFaceTokenizers

/// The chat templates of a model, found as transformers 5.24 finds them: `chat_template.jinja`
/// and `additional_chat_templates/*.jinja` in the model folder (which replace the config's), else
/// `tokenizer_config.json`'s `chat_template` (a string, or a list of `{"name", "template"}`).
public struct ChatTemplateCatalog: Sendable {
    /// The templates by name; a single template is named `default`.
    public let sources: [(name: String, source: String)]
    /// Whether the model has one unnamed template (rather than a set of named ones).
    public let isSingle: Bool
    /// The config's `chat_control_tokens`, when it lists them: the added tokens (besides the
    /// special ones) that sanitization keeps out of the input, instead of those the template spells.
    public let chatControlTokens: [String]?

    /// Templates given directly.
    public init(sources: [(name: String, source: String)], isSingle: Bool, chatControlTokens: [String]? = nil) {
        self.sources = sources
        self.isSingle = isSingle
        self.chatControlTokens = chatControlTokens
    }

    /// The templates of a parsed `tokenizer_config.json`.
    /// - Throws: `ChatTemplateError` (`.invalidInput`) when `chat_template` has another shape.
    public init(tokenizerConfig: TemplateValue) throws {
        let controlTokens = try Self.chatControlTokens(tokenizerConfig)
        switch tokenizerConfig["chat_template"] {
        case nil, .none?:
            self.init(sources: [], isSingle: true, chatControlTokens: controlTokens)
        case let .string(source)?:
            self.init(sources: [("default", source)], isSingle: true, chatControlTokens: controlTokens)
        case let .list(items)?:
            let named = try items.map { item -> (name: String, source: String) in
                guard case let .string(name)? = item["name"], case let .string(source)? = item["template"] else {
                    throw ChatInput.invalid("chat_template entries must have a 'name' and a 'template'")
                }
                return (name, source)
            }
            self.init(sources: named, isSingle: false, chatControlTokens: controlTokens)
        default:
            throw ChatInput.invalid("chat_template must be a string or a list of named templates")
        }
    }

    /// The templates of a model folder.
    /// - Throws: `ChatTemplateError` for unreadable files or a malformed config.
    public init(folder: String) throws {
        let base = URL(fileURLWithPath: folder, isDirectory: true)
        let manager = FileManager.default
        var files: [(name: String, source: String)] = []
        let single = base.appendingPathComponent("chat_template.jinja")
        if manager.fileExists(atPath: single.path) { files.append(("default", try Self.read(single))) }
        let extras = base.appendingPathComponent("additional_chat_templates", isDirectory: true)
        if let names = try? manager.contentsOfDirectory(atPath: extras.path) {
            for name in names.sorted() where name.hasSuffix(".jinja") {
                files.append((String(name.dropLast(6)), try Self.read(extras.appendingPathComponent(name))))
            }
        }
        let configFile = base.appendingPathComponent("tokenizer_config.json")
        let config: TemplateValue? = manager.fileExists(atPath: configFile.path)
            ? try TemplateValue(jsonBytes: try Data(contentsOf: configFile)) : nil
        if !files.isEmpty {
            self.init(
                sources: files, isSingle: files.count == 1 && files[0].name == "default",
                chatControlTokens: try config.flatMap(Self.chatControlTokens))
            return
        }
        guard let config else {
            self.init(sources: [], isSingle: true)
            return
        }
        try self.init(tokenizerConfig: config)
    }

    /// `chat_control_tokens` of a config: absent or null, or a list of strings.
    private static func chatControlTokens(_ config: TemplateValue) throws -> [String]? {
        switch config["chat_control_tokens"] {
        case nil, .none?: return nil
        case let .list(items)?:
            return try items.map { item in
                guard case let .string(text) = item else {
                    throw ChatInput.invalid("chat_control_tokens must be a list of strings", exception: "TypeError")
                }
                return text
            }
        case let value?:
            throw ChatInput.invalid("`chat_control_tokens` should be a list of strings, got \(value.jsonValue.serialized)", exception: "TypeError")
        }
    }

    /// The templates of a bundled tokenizer (`qwen3`, `deepseek_v3`): its `tokenizer_config.json`
    /// in the bundled Hugging Face vocabulary folder.
    public static func bundled(_ name: String) throws -> ChatTemplateCatalog {
        guard let bundled = BundledHuggingFaceTokenizer(rawValue: name) else {
            throw ChatInput.invalid(
                "no bundled chat template named '\(name)' (bundled: \(BundledHuggingFaceTokenizer.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let folder = try BundledHuggingFaceTokenizer.bundledFolder().appendingPathComponent(bundled.folderName, isDirectory: true)
        return try ChatTemplateCatalog(folder: folder.path)
    }

    private static func read(_ url: URL) throws -> String {
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ChatInput.invalid("cannot read \(url.path): \(error)")
        }
    }

    /// The template source to use, as transformers' `get_chat_template` picks it: the named one;
    /// with several and no name, `tool_use` when there are tools, else `default`. A name that is
    /// not a template's name is taken as a template's source itself.
    /// - Throws: `ChatTemplateError` (`.invalidInput`) when there is none to pick.
    public func source(named name: String? = nil, hasTools: Bool = false) throws -> String {
        if !isSingle {
            if let name, let found = sources.first(where: { $0.name == name }) { return found.source }
            if let name { return name }
            if hasTools, let toolUse = sources.first(where: { $0.name == "tool_use" }) { return toolUse.source }
            if let fallback = sources.first(where: { $0.name == "default" }) { return fallback.source }
            throw ChatInput.invalid(
                "This model has multiple chat templates with no default specified! Please either pass a chat template or the name of the template you wish to use to the `chat_template` argument. Available template names are \(sources.map { "'\($0.name)'" }.sorted()).")
        }
        if let name { return name }
        guard let only = sources.first else {
            throw ChatInput.invalid(
                "Cannot use chat template functions because tokenizer.chat_template is not set and no template argument was passed!")
        }
        return only.source
    }
}
