import BytePairEncoding
import Pretokenization

/// A tokenizer read from a Hugging Face `tokenizer.json` (and optional `tokenizer_config.json`),
/// giving exactly the ids and text of tokenizers 0.23.3: normalizer, pre-tokenizer, BPE model,
/// added tokens, post-processor and decoder as data. Immutable and safe to share across threads.
public struct HuggingFaceTokenizer: Sendable {
    /// The tokenizer's name.
    public let name: String
    /// The normalizer, if any.
    public let normalizer: HuggingFaceNormalizer?
    /// The pre-tokenizer, if any.
    public let preTokenizer: HuggingFacePreTokenizer?
    /// The BPE model.
    public let model: HuggingFaceBPEModel
    /// The post-processor in effect (the config's `add_bos_token`/`add_eos_token` applied).
    public let postProcessor: HuggingFacePostProcessor?
    /// The decoder, if any.
    public let decoder: HuggingFaceDecoder?
    /// Special-token roles from `tokenizer_config.json`.
    public let roles: SpecialTokenRoles
    let addedVocabulary: HuggingFaceAddedVocabulary
    /// A single splitter that does the whole pre-tokenization (the common `Split` + `ByteLevel`).
    let directSplitter: (any PieceSplitter)?
    let specialIDs: Set<TokenID>

    /// The added tokens, in file order.
    public var addedTokens: [HuggingFaceAddedToken] { addedVocabulary.tokens }

    /// One more than the largest id of the vocabulary and the added tokens.
    public var vocabularySize: Int {
        max(model.tokens.count, (addedTokens.map { Int($0.id) }.max() ?? -1) + 1)
    }
}

/// The tokens `tokenizer_config.json` names for roles, with their ids.
public struct SpecialTokenRoles: Sendable, Equatable {
    public var bos: (text: String, id: TokenID)?
    public var eos: (text: String, id: TokenID)?
    public var pad: (text: String, id: TokenID)?
    public var unk: (text: String, id: TokenID)?
    /// Whether the config asks for BOS / EOS around encoded text.
    public var addBOS = false
    public var addEOS = false

    public init() {}

    public static func == (a: SpecialTokenRoles, b: SpecialTokenRoles) -> Bool {
        a.bos?.id == b.bos?.id && a.eos?.id == b.eos?.id && a.pad?.id == b.pad?.id && a.unk?.id == b.unk?.id
            && a.addBOS == b.addBOS && a.addEOS == b.addEOS
    }
}

// MARK: - Encoding

extension HuggingFaceTokenizer {
    /// The ids of `text`, as the reference's `encode(text, add_special_tokens=…)`.
    /// - Parameters:
    ///   - addSpecialTokens: apply the post-processor (BOS/EOS and the like).
    ///   - addedTokens: which added tokens may be matched in `text` (`.all` is the reference's
    ///     default; `.nonSpecialOnly` its `split_special_tokens`; `.none` reads all text as text).
    /// - Complexity: O(n) for the shipped patterns.
    public func encode(
        _ text: String, addSpecialTokens: Bool = true, addedTokens: AddedTokenMatching = .all
    ) throws -> [TokenID] {
        var ids: [TokenID] = []
        try withUTF8(text) { bytes in
            ids.reserveCapacity(bytes.count / 3 + 4)
            var scratch = HuggingFaceBPEModel.Scratch(model)
            try encodeText(bytes, matching: addedTokens, scratch: &scratch) { ids.append($0) }
        }
        if addSpecialTokens, let postProcessor { ids = postProcessor.process(ids) }
        return ids
    }

    /// The ids of text from an untrusted source (a user, a web page): added-token text never
    /// becomes an added or control token (by default), and no special token is added around it.
    /// - Parameter allowAddedTokens: the added tokens that may still match (default none).
    public func encodeUntrusted(_ text: String, allowAddedTokens: AddedTokenMatching = .none) throws -> [TokenID] {
        try encode(text, addSpecialTokens: false, addedTokens: allowAddedTokens)
    }

    /// The ids of plain text: no added token matched, none added.
    public func encodeOrdinary(_ text: String) throws -> [TokenID] {
        try encode(text, addSpecialTokens: false, addedTokens: .none)
    }

    /// The number of ids `encode` would return.
    public func countTokens(
        _ text: String, addSpecialTokens: Bool = true, addedTokens: AddedTokenMatching = .all
    ) throws -> Int {
        var count = 0
        try withUTF8(text) { bytes in
            var scratch = HuggingFaceBPEModel.Scratch(model)
            try encodeText(bytes, matching: addedTokens, scratch: &scratch) { _ in count += 1 }
        }
        if addSpecialTokens, let postProcessor {
            let (before, after) = postProcessor.addedCounts
            count += before + after
        }
        return count
    }

    /// The id of `token` when it is an added token or a vocabulary token string.
    public func tokenID(_ token: String) -> TokenID? {
        let bytes = Array(token.utf8)
        if let added = addedTokens.first(where: { Array($0.content.utf8) == bytes }) { return added.id }
        return model.id(of: token)
    }

    /// Splits on raw-text added tokens, then normalizes and encodes the rest.
    func encodeText(
        _ bytes: UnsafeBufferPointer<UInt8>, matching: AddedTokenMatching,
        scratch: inout HuggingFaceBPEModel.Scratch, emit: (TokenID) -> Void
    ) throws {
        guard let raw = addedVocabulary.raw, matching != .none else {
            try encodeNormalizing(bytes, matching: matching, scratch: &scratch, emit: emit)
            return
        }
        try addedVocabulary.split(bytes, with: raw, matching: matching) { range, id in
            if let id { emit(id); return }
            try encodeNormalizing(UnsafeBufferPointer(rebasing: bytes[range]), matching: matching, scratch: &scratch, emit: emit)
        }
    }

    private func encodeNormalizing(
        _ segment: UnsafeBufferPointer<UInt8>, matching: AddedTokenMatching,
        scratch: inout HuggingFaceBPEModel.Scratch, emit: (TokenID) -> Void
    ) throws {
        guard !segment.isEmpty else { return }
        var normalizedBytes: [UInt8]? = nil
        if let normalizer {
            do { normalizedBytes = try normalizer.apply(segment) } catch {
                throw TokenizerError.pattern("normalization failed: \(error)")
            }
        }
        func run(_ text: UnsafeBufferPointer<UInt8>) throws {
            guard let matcher = addedVocabulary.normalized, matching != .none else {
                try encodePieces(text, scratch: &scratch, emit: emit)
                return
            }
            try addedVocabulary.split(text, with: matcher, matching: matching) { range, id in
                if let id { emit(id); return }
                try encodePieces(UnsafeBufferPointer(rebasing: text[range]), scratch: &scratch, emit: emit)
            }
        }
        if let normalizedBytes {
            try normalizedBytes.withUnsafeBufferPointer { try run($0) }
        } else {
            try run(segment)
        }
    }

    /// Pre-tokenizes normalized text and encodes each piece with the model.
    @inline(__always)
    private func encodePieces(
        _ text: UnsafeBufferPointer<UInt8>, scratch: inout HuggingFaceBPEModel.Scratch, emit: (TokenID) -> Void
    ) throws {
        guard let base = text.baseAddress, !text.isEmpty else { return }
        do {
            if let directSplitter {
                let model = self.model
                try directSplitter.forEachPiece(in: text) { start, end in
                    model.encode(UnsafeBufferPointer(start: base + start, count: end - start), scratch: &scratch, emit: emit)
                }
                return
            }
            guard let preTokenizer else {
                model.encode(text, scratch: &scratch, emit: emit)
                return
            }
            var buffer = Array(text)
            var pieces = [0..<buffer.count]
            try preTokenizer.apply(&pieces, buffer: &buffer)
            buffer.withUnsafeBufferPointer { all in
                for piece in pieces { model.encode(UnsafeBufferPointer(rebasing: all[piece]), scratch: &scratch, emit: emit) }
            }
        } catch let error as RegexError {
            throw TokenizerError.pattern(error.description)
        }
    }
}

// MARK: - Decoding

extension HuggingFaceTokenizer {
    /// The text of `ids`, as the reference's `decode(ids, skip_special_tokens=…)`: each id's token
    /// string goes through the decoder (invalid UTF-8 becomes U+FFFD, as there).
    /// - Throws: `TokenizerError.unknownTokenID` for an id that is neither a vocabulary nor an added
    ///   token (the reference drops such ids silently).
    public func decode(_ ids: [TokenID], skipSpecialTokens: Bool = false) throws -> String {
        var tokens: [String] = []
        tokens.reserveCapacity(ids.count)
        for id in ids {
            if skipSpecialTokens && specialIDs.contains(id) { continue }
            tokens.append(try tokenString(id))
        }
        guard let decoder else { return tokens.joined(separator: " ") }
        return decoder.decodeChain(tokens).joined()
    }

    /// The token string of `id` (an added token's content, or the vocabulary's string).
    public func tokenString(_ id: TokenID) throws -> String {
        if let added = addedVocabulary.token(id: id) { return added.content }
        guard Int(id) < model.tokens.count, !model.tokens[Int(id)].isEmpty else { throw TokenizerError.unknownTokenID(id) }
        return model.tokens[Int(id)]
    }

    /// Whether `id` is a special token (skipped by `decode(skipSpecialTokens: true)`).
    public func isSpecial(_ id: TokenID) -> Bool { specialIDs.contains(id) }

    /// The bytes `id` decodes to under a byte-level decoder (nil for an unknown id).
    public func tokenBytes(_ id: TokenID) -> ArraySlice<UInt8>? {
        guard let token = try? tokenString(id) else { return nil }
        if decoder?.isPlainByteLevel ?? false, let bytes = ByteLevelAlphabet.bytes(of: token) { return ArraySlice(bytes) }
        return ArraySlice(token.utf8)
    }

    /// A decoder for ids arriving one at a time that emits only complete UTF-8 text.
    public func streamingDecoder() -> StreamingTextDecoder {
        StreamingTextDecoder { id in self.tokenBytes(id) }
    }
}

extension HuggingFaceTokenizer: TextTokenizer {
    public func decodeLossy(_ ids: [TokenID]) throws -> String { try decode(ids) }

    public var pipelineDescription: String {
        let named = [("bos", roles.bos), ("eos", roles.eos), ("pad", roles.pad), ("unk", roles.unk)]
            .compactMap { role, token in token.map { "\(role)=\($0.text)(\($0.id))" } }
        let specials = addedTokens.filter(\.special).count
        return """
            format: tokenizer.json (BPE)
            vocabulary: \(model.tokens.count) tokens, \(model.mergeCount) merges, \(model.byteLevel ? "byte-level" : "character-level")
            merge algorithm: \(model.usesRankMerge ? "rank merge (verified equal to the merge list at load)" : "merge list")
            added tokens: \(addedTokens.count) (\(specials) special)
            normalizer: \(normalizer?.summary ?? "none")
            pre-tokenizer: \(preTokenizer?.summary ?? "none")\(directSplitter is QwenScanner ? " [hand scanner]" : "")
            post-processor: \(postProcessor?.summary ?? "none")
            decoder: \(decoder?.summary ?? "none")
            roles: \(named.isEmpty ? "none" : named.joined(separator: " "))\(roles.addBOS ? " add_bos" : "")\(roles.addEOS ? " add_eos" : "")
            """
    }
}

// MARK: - Batches

extension HuggingFaceTokenizer {
    /// `encode` of every text, on all cores; results are in input order. The first error (in input
    /// order) is thrown.
    public func encodeBatch(
        _ texts: [String], addSpecialTokens: Bool = true, addedTokens: AddedTokenMatching = .all
    ) throws -> [[TokenID]] {
        try parallelMap(texts) { try encode($0, addSpecialTokens: addSpecialTokens, addedTokens: addedTokens) }
    }
}
