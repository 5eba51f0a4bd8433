import BytePairEncoding
import Foundation
import OrderedJSON
import TokenizerCore

/// Tokenizes a JSON Lines corpus (plain, `.gz` or `.zst`), or one shard of it, into JSON Lines,
/// a raw id array, a NumPy array or a Megatron-LM indexed dataset: on all cores, documents in input
/// order, every earlier document written before a bad line stops the run, and a manifest beside
/// file outputs so a finished shard can be skipped when asked again.
public struct CorpusTokenizationJob: Sendable {
    /// What to do with a line that is not a JSON object with a text field, or does not encode.
    public enum ErrorHandling: String, Sendable, CaseIterable {
        /// Stop: the error names the line, after every earlier document is written.
        case fail
        /// Report it and go on.
        case skip
    }

    /// The input file; nil reads standard input.
    public var input: String?
    /// The part of the input to process.
    public var shard: InputShard = .whole
    /// The output file (for megatron, the prefix); nil writes JSON Lines to standard output.
    public var output: String?
    public var format: OutputFormat = .jsonl
    public var dtype: TokenDType = .u32
    /// The member of each input object that holds the text.
    public var field = "text"
    /// Members copied from the input object to each JSON Lines output line, in this order.
    public var keptFields: [String] = []
    /// How special-token text in the documents is encoded.
    public var policy: SpecialTokenPolicy
    /// Whether the tokenizer's end-of-sequence id follows each document.
    public var appendEndOfText = false
    public var errorHandling: ErrorHandling = .fail
    /// Worker threads (1: this thread only).
    public var threads = 1
    /// Whether a shard whose manifest shows the same finished work is skipped.
    public var resume = false
    /// Recorded in the manifest.
    public var toolVersion = "unknown"

    /// A job encoding documents under `policy`.
    public init(policy: SpecialTokenPolicy) {
        self.policy = policy
    }

    /// What a run did.
    public struct Summary: Sendable {
        public var documents: Int
        public var tokens: Int
        public var skippedLines: Int
        public var files: [WrittenFile]
        /// True when a matching finished manifest made the run unnecessary.
        public var resumed: Bool
    }

    /// Runs the job with `tokenizer`.
    /// - Parameters:
    ///   - tokenizerSHA256: the digest of the tokenizer's vocabulary file, for the manifest.
    ///   - onProgress: called after each batch.
    ///   - onSkippedLine: called for each line skipped under `.skip`.
    /// - Throws: `CorpusError` naming the file, or the line and its byte offset.
    public func run(
        tokenizer: any Tokenizer, tokenizerSHA256: String?,
        onProgress: (CorpusProgress) -> Void = { _ in }, onSkippedLine: (CorpusError) -> Void = { _ in }
    ) throws -> Summary {
        try validate(tokenizer)
        let reader = try JSONLinesInput(path: input, shard: shard)
        let inputBytes = try input.map(JSONLinesInput.fileSize) ?? 0
        var manifest = CorpusManifest(
            input: input ?? "standard input", inputBytes: inputBytes, shard: shard.description,
            byteRange: reader.start..<(reader.end ?? inputBytes), tokenizer: tokenizer.name, tokenizerSHA256: tokenizerSHA256,
            settings: settings, toolVersion: toolVersion)
        let manifestPath = output.map(CorpusManifest.path(besideOutput:))
        if resume, let manifestPath, let previous = Self.readManifest(manifestPath), previous.covers(manifest) {
            return Summary(documents: previous.documents, tokens: previous.tokens, skippedLines: previous.skippedLines.count,
                           files: previous.outputs, resumed: true)
        }
        var sink = try makeSink(tokenizer: tokenizer)
        let end = tokenizer.specialTokenRoles.eos?.id
        let started = Date()
        var skipped: [Int] = []
        func finish(complete: Bool) throws {
            manifest.outputs = try sink.finish()
            manifest.skippedLines = skipped
            manifest.complete = complete
            if let manifestPath { try manifest.write(to: manifestPath) }
        }
        while true {
            let batch = try reader.nextBatch()
            if batch.isEmpty { break }
            let outcomes = try concurrentMap(batch, threads: threads) { line in
                Result { try encode(line, source: reader.source, tokenizer: tokenizer, end: end) }
            }
            for outcome in outcomes {
                switch outcome {
                case let .success(document?):
                    try sink.write(document)
                    manifest.documents += 1
                    manifest.tokens += document.ids.count
                case .success(nil):
                    break
                case let .failure(error):
                    let corpusError = error as? CorpusError ?? .invalidOptions("\(error)")
                    guard errorHandling == .skip else {
                        try finish(complete: false)
                        throw corpusError
                    }
                    if case let .badLine(_, line, _, _) = corpusError { skipped.append(line) }
                    onSkippedLine(corpusError)
                }
            }
            onProgress(CorpusProgress(
                bytesRead: reader.bytesRead, totalBytes: reader.end.map { $0 - reader.start } ?? (input != nil && reader.start == 0 && JSONLinesInput.Compression(path: input) == .none ? inputBytes : nil),
                documents: manifest.documents, tokens: manifest.tokens, seconds: Date().timeIntervalSince(started)))
        }
        try finish(complete: true)
        return Summary(documents: manifest.documents, tokens: manifest.tokens, skippedLines: skipped.count, files: manifest.outputs, resumed: false)
    }

    /// The options checked against the tokenizer before anything is read or written.
    private func validate(_ tokenizer: any Tokenizer) throws {
        if format != .jsonl && output == nil { throw CorpusError.invalidOptions("the \(format.rawValue) output needs an output path") }
        if format != .jsonl && !keptFields.isEmpty { throw CorpusError.invalidOptions("kept fields apply to JSON Lines output only") }
        if dtype == .u16 && tokenizer.vocabularySize > 1 << 16 {
            throw CorpusError.invalidOptions("u16 cannot hold the ids of \(tokenizer.name) (a vocabulary of \(tokenizer.vocabularySize)); use u32")
        }
        if appendEndOfText && tokenizer.specialTokenRoles.eos == nil {
            throw CorpusError.invalidOptions("\(tokenizer.name) has no end-of-sequence token to append")
        }
        if resume && output == nil { throw CorpusError.invalidOptions("resuming needs an output path (the manifest lies beside the output)") }
    }

    private func makeSink(tokenizer: any Tokenizer) throws -> any TokenSink {
        switch format {
        case .jsonl: return JSONLinesSink(file: try OutputFile(path: output))
        case .bin: return try BinarySink(path: output ?? "", dtype: dtype, tokenizerName: tokenizer.name)
        case .npy: return try NumpySink(path: output ?? "", dtype: dtype)
        case .megatron: return try MegatronSink(prefix: output ?? "", dtype: dtype)
        }
    }

    /// One line's document, or nil for a blank line.
    private func encode(_ line: JSONLinesInput.Line, source: String, tokenizer: any Tokenizer, end: TokenID?) throws -> EncodedDocument? {
        func bad(_ reason: String) -> CorpusError {
            .badLine(source: source, line: line.number, byteOffset: line.byteOffset, reason: reason)
        }
        if line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        // Lone surrogate escapes are read as Python's json reads them: U+FFFD, what tiktoken encodes.
        var options = JSONParsingOptions(loneSurrogates: .replaceWithReplacementCharacter)
        options.allowsByteOrderMark = line.byteOffset == 0
        let value: JSONValue
        do {
            value = try JSONValue(parsing: line.bytes, options: options)
        } catch let error as JSONSyntaxError {
            throw bad("not valid JSON: \(error)")
        }
        guard case let .object(object) = value else { throw bad("expected a JSON object, found \(value.kindDescription)") }
        guard let text = object[field]?.stringValue else { throw bad("field \"\(field)\" is missing or not a string") }
        var ids: [TokenID]
        do {
            ids = try tokenizer.encode(text, policy: policy)
        } catch let error as TokenizerError {
            throw bad("\(error)")
        }
        if appendEndOfText, let end { ids.append(end) }
        return EncodedDocument(ids: ids, keptFields: keptFields.map { ($0, object[$0] ?? .null) })
    }

    /// The settings a manifest records: those that change the outputs.
    var settings: JSONObject {
        func selection(_ allowed: SpecialTokenPolicy.Allowed) -> JSONValue {
            switch allowed {
            case .all: return "all"
            case .nonSpecial: return "non-special"
            case .none: return "none"
            case let .only(texts): return .array(texts.sorted().map(JSONValue.string))
            }
        }
        let disallowed: JSONValue
        switch policy.disallowed {
        case .allNotAllowed: disallowed = "all"
        case .none: disallowed = "none"
        case let .only(texts): disallowed = .array(texts.sorted().map(JSONValue.string))
        }
        return JSONObject([
            ("format", .string(format.rawValue)), ("dtype", .string(dtype.rawValue)), ("field", .string(field)),
            ("keep", .array(keptFields.map(JSONValue.string))), ("append_eos", .bool(appendEndOfText)),
            ("allowed_special", selection(policy.allowed)), ("disallowed_special", disallowed),
            ("add_special_tokens", .bool(policy.addSpecialTokens)), ("on_error", .string(errorHandling.rawValue)),
        ])
    }

    private static func readManifest(_ path: String) -> CorpusManifest? {
        guard let bytes = FileManager.default.contents(atPath: path), let value = try? JSONValue(parsing: bytes) else { return nil }
        return try? CorpusManifest(json: value)
    }
}
