import ArgumentParser
import ChatTemplates
import Foundation
import TokenizerSuite

/// What `tok chat` works with: a `tokenizer.json` tokenizer, its model's chat templates (compiled
/// once each) and the output-parser family its vocabulary implies.
struct ChatSetup {
    /// The output formats `tok chat parse` and `tok chat stream` read.
    enum ParserFamily: String, ExpressibleByArgument, CaseIterable {
        case qwen3
        case deepseekV3 = "deepseek_v3"
    }

    let tokenizer: HuggingFaceTokenizer
    let catalog: ChatTemplateCatalog
    private var compiled: [String: ChatTokenizer] = [:]

    /// The tokenizer and templates `options` name: a bundled Hugging Face tokenizer (its bundled
    /// `tokenizer_config.json`), or `--tokenizer` (the templates of the folder it is in, or of the
    /// hub model's snapshot folder).
    /// - Throws: `InputError` for a tiktoken encoding (no Jinja template; gpt-oss's harmony format
    ///   has its own commands), or the loading error.
    init(_ options: TokenizerOptions) throws {
        try self.init(source: options.source, vocabDir: options.vocabDir)
    }

    /// The tokenizer and templates of `source` (vocabulary files from `vocabDir` when given).
    init(source: TokenizerSource, vocabDir: String?) throws {
        func load() throws -> any Tokenizer {
            try withVocabularyAdvice { try TokenizerRegistry.load(source, vocabularyFolder: vocabularyFolder(vocabDir: vocabDir)) }
        }
        switch source {
        case .tiktoken:
            throw InputError("a .tiktoken file has no chat template; tok chat needs a tokenizer.json tokenizer (--encoding qwen3|deepseek_v3 or --tokenizer DIR)")
        case let .bundled(name) where BundledHuggingFaceTokenizer(rawValue: name) == nil:
            if name == BundledEncoding.o200kHarmony.rawValue {
                throw InputError("o200k_harmony is gpt-oss's harmony format, which has no Jinja chat template: use tok harmony render, tok harmony parse or tok harmony stream")
            }
            if BundledEncoding(rawValue: name) != nil {
                throw InputError("\(name) has no chat template; tok chat needs a tokenizer.json tokenizer (--encoding qwen3|deepseek_v3 or --tokenizer DIR)")
            }
            _ = try load()  // the registry's error listing the names
            throw InputError("unknown encoding \(name)")
        case let .bundled(name):
            guard let loaded = try load() as? HuggingFaceTokenizer else { throw InputError("\(name) is not a tokenizer.json tokenizer") }
            tokenizer = loaded
            if let folder = vocabularyFolder(vocabDir: vocabDir) {
                catalog = try ChatSetup.chat { try ChatTemplateCatalog(folder: folder.appendingPathComponent(name).path) }
            } else {
                catalog = try ChatSetup.chat { try ChatTemplateCatalog.bundled(name) }
            }
        case let .huggingFaceHub(repository, revision):
            guard let loaded = try load() as? HuggingFaceTokenizer else { throw InputError("\(repository) is not a tokenizer.json tokenizer") }
            tokenizer = loaded
            let snapshot = try HuggingFaceHubCache().snapshot(of: repository, revision: revision)
            catalog = try ChatSetup.chat { try ChatTemplateCatalog(folder: snapshot) }
        case let .tokenizerJSON(path):
            guard let loaded = try load() as? HuggingFaceTokenizer else { throw InputError("\(path) is not a tokenizer.json tokenizer") }
            tokenizer = loaded
            var isFolder: ObjCBool = false
            let folder = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
                ? path : URL(fileURLWithPath: path).deletingLastPathComponent().path
            catalog = try ChatSetup.chat { try ChatTemplateCatalog(folder: folder) }
        }
    }

    /// The chat tokenizer for `input`: the template transformers would pick (`tool_use` for a
    /// request with tools when the model names one), compiled on first use.
    mutating func chatTokenizer(for input: ChatInput) throws -> ChatTokenizer {
        let source = try catalog.source(hasTools: input.tools != nil)
        if let found = compiled[source] { return found }
        let made = try ChatTokenizer(template: ChatTemplate(source), tokenizer: tokenizer, chatControlTokens: catalog.chatControlTokens)
        compiled[source] = made
        return made
    }

    /// The parser family the vocabulary implies: DeepSeek's tool-call markers, else Qwen's
    /// `<|im_start|>`.
    /// - Throws: `InputError` when neither is in the vocabulary.
    func inferredParser() throws -> ParserFamily {
        let names = Set(tokenizer.addedTokens.map(\.content))
        if names.contains("<｜tool▁calls▁begin｜>") || names.contains("<｜end▁of▁sentence｜>") { return .deepseekV3 }
        if names.contains("<|im_start|>") { return .qwen3 }
        throw InputError("cannot tell the output format from the tokenizer \(tokenizer.name); pass --parser qwen3 or --parser deepseek_v3")
    }

    /// Runs `body`, turning a `ChatTemplateError` into the CLI's input error (exit 1).
    static func chat<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ChatTemplateError {
            throw InputError(message(error))
        }
    }

    /// An error as the CLI prints it: the Python exception's name (when it has one), then the
    /// message and its place in the template.
    static func message(_ error: ChatTemplateError) -> String {
        error.exceptionName.isEmpty ? error.description : "\(error.exceptionName): \(error.description)"
    }
}
