import BytePairEncoding
import Foundation
import Pretokenization
import TextNormalization

extension HuggingFaceTokenizer {
    /// Reads a tokenizer from the bytes of a `tokenizer.json` and, optionally, of its
    /// `tokenizer_config.json`.
    /// - Parameters:
    ///   - source: the file name used in error messages.
    /// - Throws: `TokenizerError.tokenizerFile` naming the JSON path of a malformed value or an
    ///   unsupported component.
    public init(name: String, tokenizerJSON: [UInt8], configJSON: [UInt8]? = nil, source: String = "tokenizer.json") throws {
        try self.init(name: name, tokenizerJSON: tokenizerJSON, configJSON: configJSON, source: source, trustedRankMerge: false)
    }

    /// `trustedRankMerge`: the file's rank-merge equivalence was verified ahead of time (a bundled
    /// file whose hash is checked): its merges are not read and the verification is skipped.
    init(name: String, tokenizerJSON: [UInt8], configJSON: [UInt8]?, source: String, trustedRankMerge: Bool) throws {
        let root: JSONValue
        do { root = try JSONReader.parse(tokenizerJSON, skipping: trustedRankMerge ? ["model.merges"] : []) } catch let error as JSONReader.SyntaxError {
            throw TokenizerError.tokenizerFile(source: source, path: "", reason: "not valid JSON: \(error)")
        }
        var config: JSONNode? = nil
        if let configJSON {
            let configSource = source.hasSuffix("tokenizer.json")
                ? String(source.dropLast("tokenizer.json".count)) + "tokenizer_config.json" : "tokenizer_config.json"
            do {
                config = JSONNode(value: try JSONReader.parse(configJSON), path: "", source: configSource)
            } catch let error as JSONReader.SyntaxError {
                throw TokenizerError.tokenizerFile(source: configSource, path: "", reason: "not valid JSON: \(error)")
            }
        }
        try self.init(name: name, root: JSONNode(value: root, path: "", source: source), config: config, trustedRankMerge: trustedRankMerge)
    }

    /// Loads `tokenizer.json` from a file, or from a folder holding `tokenizer.json` (and, when
    /// present, `tokenizer_config.json`).
    public static func load(path: String, name: String? = nil) throws -> HuggingFaceTokenizer {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TokenizerError.unreadableFile(path: path, reason: "no such file or folder")
        }
        let folder = isDirectory.boolValue ? URL(fileURLWithPath: path, isDirectory: true) : URL(fileURLWithPath: path).deletingLastPathComponent()
        let file = isDirectory.boolValue ? folder.appendingPathComponent("tokenizer.json") : URL(fileURLWithPath: path)
        let configFile = folder.appendingPathComponent("tokenizer_config.json")
        let json = try readFile(file)
        let config = FileManager.default.fileExists(atPath: configFile.path) ? try readFile(configFile) : nil
        return try HuggingFaceTokenizer(
            name: name ?? (isDirectory.boolValue ? folder.lastPathComponent : file.deletingPathExtension().lastPathComponent),
            tokenizerJSON: json, configJSON: config, source: file.path)
    }

    /// The bytes of a file, read straight into the array (no intermediate copy).
    static func readFile(_ url: URL) throws -> [UInt8] {
        guard let file = fopen(url.path, "rb") else {
            throw TokenizerError.unreadableFile(path: url.path, reason: "cannot open the file")
        }
        defer { fclose(file) }
        guard fseek(file, 0, SEEK_END) == 0 else { throw TokenizerError.unreadableFile(path: url.path, reason: "cannot seek") }
        let size = ftell(file)
        guard size >= 0, fseek(file, 0, SEEK_SET) == 0 else { throw TokenizerError.unreadableFile(path: url.path, reason: "cannot seek") }
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: Int(size)) { buffer, count in
            count = buffer.baseAddress.map { fread($0, 1, Int(size), file) } ?? 0
            complete = count == Int(size)
        }
        guard complete else { throw TokenizerError.unreadableFile(path: url.path, reason: "read fewer bytes than the file holds") }
        return bytes
    }

    init(name: String, root: JSONNode, config: JSONNode?, trustedRankMerge: Bool) throws {
        let normalizer = try root.optional("normalizer").map(Self.normalizer)
        let preTokenizer = try root.optional("pre_tokenizer").map(Self.preTokenizer)
        let byteLevel = preTokenizer?.endsWithByteLevel ?? false
        let model = try Self.model(root.required("model"), byteLevel: byteLevel, trustedRankMerge: trustedRankMerge)
        let decoder = try root.optional("decoder").map(Self.decoder)
        var postProcessor = try root.optional("post_processor").map(Self.postProcessor)

        var added: [HuggingFaceAddedToken] = []
        for node in try root.optional("added_tokens")?.elements() ?? [] {
            let id = try node.required("id").int()
            guard id >= 0 && id < Int(UInt32.max) else { throw try node.required("id").fail("not a token id") }
            added.append(HuggingFaceAddedToken(
                id: TokenID(id), content: try node.string("content"),
                special: try node.bool("special", default: false), normalized: try node.bool("normalized", default: true),
                lstrip: try node.bool("lstrip", default: false), rstrip: try node.bool("rstrip", default: false),
                singleWord: try node.bool("single_word", default: false)))
        }
        let vocabulary = try HuggingFaceAddedVocabulary(tokens: added) { content in
            guard let normalizer else { return content }
            let bytes = Array(content.utf8)
            let out = try bytes.withUnsafeBufferPointer { try normalizer.apply($0) }
            return out.map { String(decoding: $0, as: UTF8.self) } ?? content
        }

        var special = Set(added.filter(\.special).map(\.id))
        let specialContents = Set(added.filter(\.special).map { Array($0.content.utf8) })
        for content in specialContents {
            if let id = model.lookup(utf8: content) { special.insert(id) }
        }

        var roles = SpecialTokenRoles()
        func lookup(_ text: String) -> TokenID? {
            let bytes = Array(text.utf8)
            if let a = added.first(where: { Array($0.content.utf8) == bytes }) { return a.id }
            return model.lookup(utf8: bytes)
        }
        if let config {
            func role(_ key: String) throws -> (text: String, id: TokenID)? {
                guard let node = try config.optional(key) else { return nil }
                let text: String
                if case .string(let s) = node.value { text = s } else { text = try node.string("content") }
                guard let id = lookup(text) else { throw node.fail("\(text.debugDescription) is not a token of tokenizer.json") }
                return (text, id)
            }
            roles.bos = try role("bos_token")
            roles.eos = try role("eos_token")
            roles.pad = try role("pad_token")
            roles.unk = try role("unk_token")
            // transformers' Llama-family fast tokenizers rebuild the post-processor from these flags.
            let tokenizerClass = try config.optionalString("tokenizer_class") ?? ""
            let llamaFamily = ["LlamaTokenizer", "LlamaTokenizerFast", "CodeLlamaTokenizer", "CodeLlamaTokenizerFast",
                               "GemmaTokenizer", "GemmaTokenizerFast"].contains(tokenizerClass)
            if llamaFamily {
                roles.addBOS = try config.bool("add_bos_token", default: true)
                roles.addEOS = try config.bool("add_eos_token", default: false)
                var single: [HuggingFacePostProcessor.Piece] = []
                var text: [String] = []
                if roles.addBOS {
                    guard let bos = roles.bos else { throw config.fail("add_bos_token is true but bos_token is not set") }
                    single.append(.special([bos.id])); text.append("\(bos.text):0")
                }
                single.append(.sequence); text.append("$A:0")
                if roles.addEOS {
                    guard let eos = roles.eos else { throw config.fail("add_eos_token is true but eos_token is not set") }
                    single.append(.special([eos.id])); text.append("\(eos.text):0")
                }
                postProcessor = .template(single: single, description: text.joined(separator: " ") + ", from tokenizer_config.json")
            } else {
                roles.addBOS = try config.bool("add_bos_token", default: false)
                roles.addEOS = try config.bool("add_eos_token", default: false)
            }
        }

        var direct: (any PieceSplitter)? = nil
        switch preTokenizer {
        case let .sequence(parts) where parts.count >= 2:
            // Isolated regex splits, then ByteLevel without its own regex: one chained splitter.
            guard case .byteLevel(false, nil) = parts[parts.count - 1] else { break }
            var stages: [any PieceSplitter] = []
            for part in parts.dropLast() {
                guard case let .split(.regex(_, splitter), .isolated, false) = part else { stages = []; break }
                stages.append(splitter)
            }
            if stages.count == 1 { direct = stages[0] } else if stages.count > 1 { direct = SplitChain(stages: stages) }
        case let .byteLevel(false, regex?):
            direct = regex
        default:
            break
        }

        self.name = name
        self.normalizer = normalizer
        self.preTokenizer = preTokenizer
        self.model = model
        self.postProcessor = postProcessor
        self.decoder = decoder
        self.roles = roles
        self.addedVocabulary = vocabulary
        self.directSplitter = direct
        self.specialIDs = special
    }

    // MARK: Components

    static func normalizer(_ node: JSONNode) throws -> HuggingFaceNormalizer {
        let type = try node.type()
        switch type {
        case "NFC": return .unicode(ReferenceNormalizer(.nfc))
        case "NFD": return .unicode(ReferenceNormalizer(.nfd))
        case "NFKC": return .unicode(ReferenceNormalizer(.nfkc))
        case "NFKD": return .unicode(ReferenceNormalizer(.nfkd))
        case "Lowercase": return .lowercase
        case "Replace":
            return .replace(try pattern(node.required("pattern")), content: try node.string("content"))
        case "Prepend": return .prepend(try node.string("prepend"))
        case "Strip":
            return .strip(left: try node.bool("strip_left", default: true), right: try node.bool("strip_right", default: true))
        case "Sequence":
            return .sequence(try node.required("normalizers").elements().map(normalizer))
        default:
            throw try node.required("type").fail("unsupported normalizer \(type.debugDescription) (supported: NFC, NFD, NFKC, NFKD, Lowercase, Replace, Prepend, Strip, Sequence)")
        }
    }

    static func pattern(_ node: JSONNode) throws -> HuggingFacePattern {
        if let literal = try node.optional("String") { return .string(try literal.string()) }
        if let regex = try node.optional("Regex") {
            do {
                return try .regex(regex.string())
            } catch let error as RegexError {
                throw regex.fail("\(error)")
            }
        }
        throw node.fail("expected {\"String\": …} or {\"Regex\": …}")
    }

    static func behavior(_ node: JSONNode?, default fallback: HuggingFacePreTokenizer.Behavior) throws -> HuggingFacePreTokenizer.Behavior {
        guard let node else { return fallback }
        let name = try node.string()
        guard let behavior = HuggingFacePreTokenizer.Behavior(rawValue: name) else {
            throw node.fail("unknown split behavior \(name.debugDescription)")
        }
        return behavior
    }

    static func preTokenizer(_ node: JSONNode) throws -> HuggingFacePreTokenizer {
        let type = try node.type()
        switch type {
        case "Split":
            return .split(try pattern(node.required("pattern")), behavior: try behavior(node.required("behavior"), default: .isolated),
                          invert: try node.bool("invert", default: false))
        case "ByteLevel":
            let regex: (any PieceSplitter)?
            if try node.bool("use_regex", default: true) {
                regex = try RegexSplitter(onigurumaPattern: HuggingFacePreTokenizer.gpt2Pattern)
            } else {
                regex = nil
            }
            return .byteLevel(addPrefixSpace: try node.bool("add_prefix_space", default: true), regex: regex)
        case "Digits": return .digits(individual: try node.bool("individual_digits", default: false))
        case "Punctuation": return .punctuation(try behavior(node.optional("behavior"), default: .isolated))
        case "WhitespaceSplit": return .whitespaceSplit
        case "Sequence":
            let parts = try node.required("pretokenizers").elements()
            let stages = try parts.map(preTokenizer)
            for (k, stage) in stages.enumerated() where stage.endsWithByteLevel && k != stages.count - 1 {
                throw parts[k].fail("ByteLevel must be the last pre-tokenizer (the model then reads bytes)")
            }
            return .sequence(stages)
        default:
            throw try node.required("type").fail("unsupported pre-tokenizer \(type.debugDescription) (supported: Split, ByteLevel, Digits, Punctuation, WhitespaceSplit, Sequence)")
        }
    }

    static func postProcessor(_ node: JSONNode) throws -> HuggingFacePostProcessor {
        let type = try node.type()
        switch type {
        case "ByteLevel": return .byteLevel
        case "TemplateProcessing":
            var specials: [String: [TokenID]] = [:]
            if let table = try node.optional("special_tokens"), let object = table.value.objectValue {
                for key in object.keys {
                    let entry = try table.required(key)
                    specials[key] = try entry.required("ids").elements().map { idNode in
                        let id = try idNode.int()
                        guard id >= 0 && id < Int(UInt32.max) else { throw idNode.fail("not a token id") }
                        return TokenID(id)
                    }
                }
            }
            var pieces: [HuggingFacePostProcessor.Piece] = []
            var text: [String] = []
            for element in try node.required("single").elements() {
                if let special = try element.optional("SpecialToken") {
                    let id = try special.string("id")
                    guard let ids = specials[id] else { throw special.fail("special token \(id.debugDescription) is not in special_tokens") }
                    pieces.append(.special(ids)); text.append(id)
                } else if let sequence = try element.optional("Sequence") {
                    let id = try sequence.string("id")
                    guard id == "A" else { throw sequence.fail("the single template can only hold sequence A") }
                    pieces.append(.sequence); text.append("$A")
                } else {
                    throw element.fail("expected SpecialToken or Sequence")
                }
            }
            return .template(single: pieces, description: text.joined(separator: " "))
        case "Sequence":
            return .sequence(try node.required("processors").elements().map(postProcessor))
        default:
            throw try node.required("type").fail("unsupported post-processor \(type.debugDescription) (supported: ByteLevel, TemplateProcessing, Sequence)")
        }
    }

    static func decoder(_ node: JSONNode) throws -> HuggingFaceDecoder {
        let type = try node.type()
        switch type {
        case "ByteLevel": return .byteLevel
        case "Fuse": return .fuse
        case "ByteFallback": return .byteFallback
        case "Replace":
            let p = try node.required("pattern")
            guard let literal = try p.optional("String") else { throw p.fail("only a String pattern is supported in the Replace decoder") }
            return .replace(try literal.string(), content: try node.string("content"))
        case "Strip":
            let content = try node.string("content")
            guard content.unicodeScalars.count == 1, let scalar = content.unicodeScalars.first else {
                throw try node.required("content").fail("expected one character")
            }
            return .strip(content: scalar, start: try node.int("start", default: 0), stop: try node.int("stop", default: 0))
        case "Sequence":
            return .sequence(try node.required("decoders").elements().map(decoder))
        default:
            throw try node.required("type").fail("unsupported decoder \(type.debugDescription) (supported: ByteLevel, Replace, Fuse, Strip, ByteFallback, Sequence)")
        }
    }
}
