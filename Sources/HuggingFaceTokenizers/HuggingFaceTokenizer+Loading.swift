import BytePairEncoding
import Foundation
import OrderedJSON
import TokenizerCore

extension HuggingFaceTokenizer {
    /// How a `tokenizer.json` is read.
    public struct LoadOptions: Sendable, Hashable {
        /// Rebuild the post-processor from `tokenizer_config.json`'s `add_bos_token` /
        /// `add_eos_token` for transformers 4's Llama-family classes (`LlamaTokenizerFast`, …), as
        /// transformers 4 did. Off by default: transformers 5.24, the pinned reference, loads
        /// byte-level files of those classes as they are (DeepSeek-V3 adds no BOS).
        public var legacyLlamaSpecialTokens: Bool
        /// The file's rank-merge equivalence was verified ahead of time (a bundled file whose hash
        /// is checked): its merges are not read and the verification is skipped.
        package var trustedRankMerge = false

        public init(legacyLlamaSpecialTokens: Bool = false) {
            self.legacyLlamaSpecialTokens = legacyLlamaSpecialTokens
        }
    }

    /// Reads a tokenizer from the bytes of a `tokenizer.json` and, optionally, of its
    /// `tokenizer_config.json`.
    /// - Parameter source: the file name used in error messages.
    /// - Throws: `TokenizerError.invalidJSON`, or `.tokenizerFile` naming the JSON path of a
    ///   malformed value or an unsupported component.
    /// - Parameter generationConfigJSON: a model folder's `generation_config.json`, whose
    ///   `eos_token_id` values join the stop ids.
    public init(
        name: String, tokenizerJSON: [UInt8], configJSON: [UInt8]? = nil, generationConfigJSON: [UInt8]? = nil,
        source: String = "tokenizer.json", options: LoadOptions = LoadOptions()
    ) throws {
        var spans: [String: JSONSpan] = [:]
        try self = tokenizerJSON.withUnsafeBufferPointer { json in
            try HuggingFaceTokenizer(
                name: name, tokenizerJSON: json, configJSON: configJSON, generationConfigJSON: generationConfigJSON,
                source: source, options: options, prebuiltVocabulary: nil, spans: &spans)
        }
    }

    /// Reads a tokenizer as the public initializer does; with `prebuiltVocabulary` (this very
    /// file's vocabulary, made when it was last read in full), `model.vocab` is skipped.
    /// - Parameter spans: for a trusted file, where `model.vocab` and `model.merges` lie in it; the
    ///   ones given are jumped over when skipped, and the ones measured are set.
    package init(
        name: String, tokenizerJSON: UnsafeBufferPointer<UInt8>, configJSON: [UInt8]?, generationConfigJSON: [UInt8]? = nil,
        source: String, options: LoadOptions, prebuiltVocabulary: PrebuiltVocabulary?, spans: inout [String: JSONSpan]
    ) throws {
        var parsing = JSONParsingOptions(allowsByteOrderMark: true)
        if options.trustedRankMerge {
            parsing.skippedPaths.insert("model.merges")
            parsing.skippedValuesAreValid = true
            parsing.knownSpans = spans
            parsing.measuredPaths = ["model.vocab"]
        }
        if prebuiltVocabulary != nil { parsing.skippedPaths.insert("model.vocab") }
        let (root, measured) = try Self.parse(tokenizerJSON, source: source, options: parsing)
        spans = measured
        let configSource = source.hasSuffix("tokenizer.json")
            ? String(source.dropLast("tokenizer.json".count)) + "tokenizer_config.json" : "tokenizer_config.json"
        let config = try configJSON.map { try Self.parse($0, source: configSource, options: JSONParsingOptions(allowsByteOrderMark: true)).value }
        do {
            try self.init(
                name: name, root: JSONCursor(root), skippedMergeCount: measured["model.merges"]?.count,
                config: config.map { JSONCursor($0) }, configSource: configSource, options: options,
                prebuiltVocabulary: prebuiltVocabulary)
        } catch let error as JSONShapeError {
            throw TokenizerError.tokenizerFile(source: source, error)
        }
        if let generationConfigJSON {
            let generationSource = String(configSource.dropLast("tokenizer_config.json".count)) + "generation_config.json"
            let generation = try Self.parse(generationConfigJSON, source: generationSource, options: JSONParsingOptions(allowsByteOrderMark: true)).value
            do {
                specialTokenRoles.stopIDs = try GenerationConfig.stopIDs(json: JSONCursor(generation), eos: specialTokenRoles.eos?.id, limit: vocabularySize)
            } catch let error as JSONShapeError {
                throw TokenizerError.tokenizerFile(source: generationSource, error)
            }
        }
    }

    /// Loads `tokenizer.json` from a file, or from a folder holding `tokenizer.json` (and, when
    /// present, `tokenizer_config.json` and `generation_config.json`).
    /// - Throws: `TokenizerError` naming the file and what is wrong.
    public static func load(path: String, name: String? = nil, options: LoadOptions = LoadOptions()) throws -> HuggingFaceTokenizer {
        guard FileBytes.exists(path) else { throw TokenizerError.unreadableFile(path: path, reason: "no such file or folder") }
        let isFolder = FileBytes.isFolder(path)
        let folder = isFolder ? URL(fileURLWithPath: path, isDirectory: true) : URL(fileURLWithPath: path).deletingLastPathComponent()
        let file = isFolder ? folder.appendingPathComponent("tokenizer.json") : URL(fileURLWithPath: path)
        func sibling(_ name: String) throws -> [UInt8]? {
            let path = folder.appendingPathComponent(name).path
            return FileBytes.exists(path) ? try FileBytes.read(path) : nil
        }
        return try HuggingFaceTokenizer(
            name: name ?? (isFolder ? folder.lastPathComponent : file.deletingPathExtension().lastPathComponent),
            tokenizerJSON: try FileBytes.read(file.path), configJSON: try sibling("tokenizer_config.json"),
            generationConfigJSON: try sibling("generation_config.json"), source: file.path, options: options)
    }

    private static func parse(
        _ bytes: [UInt8], source: String, options: JSONParsingOptions
    ) throws -> (value: JSONValue, spans: [String: JSONSpan]) {
        try bytes.withUnsafeBufferPointer { try parse($0, source: source, options: options) }
    }

    private static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, source: String, options: JSONParsingOptions
    ) throws -> (value: JSONValue, spans: [String: JSONSpan]) {
        do {
            return try JSONParser.parse(bytes, options: options)
        } catch let error as JSONSyntaxError {
            throw TokenizerError.invalidJSON(source: source, error)
        }
    }

    private init(
        name: String, root: JSONCursor, skippedMergeCount: Int?, config: JSONCursor?, configSource: String, options: LoadOptions,
        prebuiltVocabulary: PrebuiltVocabulary?
    ) throws {
        let normalizer = try root.member("normalizer").map(HuggingFaceNormalizer.init(json:))
        let preTokenizer = try root.member("pre_tokenizer").map(HuggingFacePreTokenizer.init(json:))
        let addedNodes = try root.member("added_tokens")?.elements() ?? []
        let model = try HuggingFaceBPEModel(
            json: root.required("model"), byteLevel: preTokenizer?.endsWithByteLevel ?? false, addedTokenCount: addedNodes.count,
            trustedRankMerge: options.trustedRankMerge, skippedMergeCount: skippedMergeCount, prebuiltVocabulary: prebuiltVocabulary)
        let idLimit = HuggingFaceBPEModel.idLimit(entries: model.entryCount + addedNodes.count)
        let decoder = try root.member("decoder").map(HuggingFaceDecoder.init(json:))
        var postProcessor = try root.member("post_processor").map(HuggingFacePostProcessor.init(json:))

        var added: [HuggingFaceAddedToken] = []
        for node in addedNodes {
            added.append(HuggingFaceAddedToken(
                id: TokenID(try node.required("id").int(in: 0...(idLimit - 1))), content: try node.string("content"),
                special: try node.bool("special", default: false), normalized: try node.bool("normalized", default: true),
                lstrip: try node.bool("lstrip", default: false), rstrip: try node.bool("rstrip", default: false),
                singleWord: try node.bool("single_word", default: false)))
        }
        let vocabulary = try HuggingFaceAddedVocabulary(tokens: added) { content in try normalizer?.normalize(content) ?? content }

        // As tokenizers' decode: an id is special when the string it decodes as is a special
        // token's content (so a normalized special token whose content the normalizer changes is not).
        let specialContents = Set(added.filter(\.special).map { Array($0.content.utf8) })
        var special = Set<TokenID>()
        for (token, string) in zip(added, vocabulary.tokenStrings) where specialContents.contains(Array(string.utf8)) {
            special.insert(token.id)
        }
        for content in specialContents {
            if let id = model.lookup(utf8: content), vocabulary.token(id: id) == nil { special.insert(id) }
        }

        func lookup(_ text: String) -> TokenID? {
            if let token = added.first(where: { $0.content.utf8.elementsEqual(text.utf8) }) { return token.id }
            return model.lookup(utf8: Array(text.utf8))
        }
        var tokenizerConfig = TokenizerConfig()
        if let config {
            do {
                tokenizerConfig = try TokenizerConfig(json: config, lookup: lookup)
                if options.legacyLlamaSpecialTokens, let rebuilt = try tokenizerConfig.llamaFamilyTemplate(config: config) {
                    postProcessor = rebuilt
                }
            } catch let error as JSONShapeError {
                throw TokenizerError.tokenizerFile(source: configSource, error)
            }
        }

        self.name = name
        self.normalizer = normalizer
        self.preTokenizer = preTokenizer
        self.model = model
        self.postProcessor = postProcessor
        self.decoder = decoder
        truncation = try root.member("truncation").map(TruncationParameters.init(json:))
        padding = try root.member("padding").map(PaddingParameters.init(json:))
        specialTokenRoles = tokenizerConfig.roles
        configFlags = tokenizerConfig.flags
        addedVocabulary = vocabulary
        directSplitter = preTokenizer?.directSplitter
        specialIDs = special
    }
}
