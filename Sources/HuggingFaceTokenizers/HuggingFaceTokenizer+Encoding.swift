import BytePairEncoding
import Pretokenization
import TokenizerCore

extension HuggingFaceTokenizer {
    /// The ids of `text`, as the reference's `encode(text, add_special_tokens=…)`.
    /// - Parameters:
    ///   - addSpecialTokens: apply the post-processor (BOS/EOS and the like).
    ///   - addedTokens: which added tokens may be matched in `text` (`.all` is the reference's
    ///     default; `.nonSpecialOnly` its `split_special_tokens`; `.none` reads all text as text).
    /// - Complexity: O(n) for the shipped patterns.
    public func encode(_ text: String, addSpecialTokens: Bool, addedTokens: AddedTokenMatching = .all) throws -> [TokenID] {
        try encode(text, policy: addedTokens.policy(addSpecialTokens: addSpecialTokens))
    }

    /// The ids of plain text: no added token matched, none added.
    public func encodeOrdinary(_ text: String) throws -> [TokenID] {
        try encode(text, policy: .untrusted)
    }

    /// The ids of `text` under `policy`: tokenizers' `encode(…).ids`, truncated and padded as the
    /// file's `truncation` and `padding` say.
    public func encode(_ text: String, policy: SpecialTokenPolicy) throws -> [TokenID] {
        if postProcessesEncodings { return try encodeForModel(text, policy: policy).ids }
        return try withUTF8(text) { try encodeWithoutPostProcessing($0, policy: policy) }
    }

    /// The ids of `text` under `policy`, each with the byte offset in `text.utf8` of the text it
    /// stands for: exact where the normalizer left the text alone; inside text it rewrote, the
    /// start of the rewritten span. Tokens the post-processor or padding adds get 0, as in
    /// tokenizers.
    public func encodeWithOffsets(_ text: String, policy: SpecialTokenPolicy) throws -> (ids: [TokenID], byteOffsets: [Int]) {
        if postProcessesEncodings {
            let encoding = try encodeForModel(text, policy: policy)
            return (encoding.ids, encoding.byteOffsets)
        }
        return try encodeWithOffsets(text, policy: policy, postProcessing: true)
    }

    /// The ids and offsets of `text`, with the post-processor's tokens when `postProcessing` and
    /// the policy ask for them, without truncation or padding.
    func encodeWithOffsets(_ text: String, policy: SpecialTokenPolicy, postProcessing: Bool) throws -> (ids: [TokenID], byteOffsets: [Int]) {
        var ids: [TokenID] = []
        var offsets: [Int] = []
        var policy = policy
        if !postProcessing { policy.addSpecialTokens = false }
        try withUTF8(text) { bytes in
            try encode(bytes, policy: policy, offsets: true) { id, offset in
                ids.append(id)
                offsets.append(offset)
            }
        }
        return (ids, offsets)
    }

    /// The number of ids `encode(text, policy:)` returns.
    public func countTokens(_ text: String, policy: SpecialTokenPolicy) throws -> Int {
        if postProcessesEncodings { return try encodeForModel(text, policy: policy).ids.count }
        return try withUTF8(text) { try countWithoutPostProcessing($0, policy: policy) }
    }

    /// The ids of the UTF-8 `bytes` under `policy` when the file sets no truncation or padding.
    private func encodeWithoutPostProcessing(_ bytes: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy) throws -> [TokenID] {
        var ids: [TokenID] = []
        ids.reserveCapacity(bytes.count / 3 + 4)
        try encode(bytes, policy: policy, offsets: false, emit: { id, _ in ids.append(id) }) { ids.append(contentsOf: $0) }
        return ids
    }

    /// The number of ids of the UTF-8 `bytes` under `policy` when the file sets no truncation or
    /// padding.
    private func countWithoutPostProcessing(_ bytes: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy) throws -> Int {
        var count = 0
        try encode(bytes, policy: policy, offsets: false, emit: { _, _ in count += 1 }) { count += $0.count }
        return count
    }

    /// Calls `emit(id, byteOffset)` for each id of the UTF-8 `bytes` under `policy`; offsets are
    /// computed only when `offsets` (otherwise 0). Without offsets, runs of ids may come through
    /// `emitBatch` instead, in the same order (each batch valid only during its call).
    func encode(
        _ bytes: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy, offsets: Bool, emit: (TokenID, Int) -> Void,
        emitBatch: (UnsafeBufferPointer<TokenID>) -> Void = { _ in }
    ) throws {
        let template = policy.addSpecialTokens ? postProcessor : nil
        for id in template?.before ?? [] { emit(id, 0) }
        var scratch = HuggingFaceBPEModel.Scratch(model)
        let scansAddedTokens = !policy.matchesNothing || policy.disallowed != .none
        if let raw = addedVocabulary.raw, scansAddedTokens {
            try addedVocabulary.split(bytes, with: raw, policy: policy) { range, id in
                if let id { emit(id, range.lowerBound); return }
                try encodeNormalizing(
                    UnsafeBufferPointer(rebasing: bytes[range]), at: range.lowerBound, policy: policy, offsets: offsets,
                    scratch: &scratch, emit: emit, emitBatch: emitBatch)
            }
        } else {
            try encodeNormalizing(
                bytes, at: 0, policy: policy, offsets: offsets, scratch: &scratch, emit: emit, emitBatch: emitBatch)
        }
        for id in template?.after ?? [] { emit(id, 0) }
    }

    /// Normalizes one segment between raw-text added tokens (which starts at `base` in the input),
    /// matches the normalized added tokens, and encodes the rest.
    private func encodeNormalizing(
        _ segment: UnsafeBufferPointer<UInt8>, at base: Int, policy: SpecialTokenPolicy, offsets: Bool,
        scratch: inout HuggingFaceBPEModel.Scratch, emit: (TokenID, Int) -> Void,
        emitBatch: (UnsafeBufferPointer<TokenID>) -> Void
    ) throws {
        guard !segment.isEmpty else { return }
        var edits: TextEdits? = offsets ? TextEdits() : nil
        let normalizedBytes = try normalizer?.normalize(segment, edits: &edits)
        let origin: (Int) -> Int = { position in base + (edits?.originalOffset(of: position) ?? position) }
        func run(_ text: UnsafeBufferPointer<UInt8>) throws {
            let scansAddedTokens = !policy.matchesNothing || policy.disallowed != .none
            guard let matcher = addedVocabulary.normalized, scansAddedTokens else {
                try encodePieces(
                    text, at: 0, offsets: offsets, origin: origin, scratch: &scratch, emit: emit, emitBatch: emitBatch)
                return
            }
            try addedVocabulary.split(text, with: matcher, policy: policy) { range, id in
                if let id { emit(id, offsets ? origin(range.lowerBound) : 0); return }
                try encodePieces(
                    UnsafeBufferPointer(rebasing: text[range]), at: range.lowerBound, offsets: offsets, origin: origin,
                    scratch: &scratch, emit: emit, emitBatch: emitBatch)
            }
        }
        if let normalizedBytes {
            try normalizedBytes.withUnsafeBufferPointer { try run($0) }
        } else {
            try run(segment)
        }
    }

    /// Pre-tokenizes normalized text (which starts at `start` in the normalized segment) and
    /// encodes each piece with the model; `origin` maps a normalized position to the input.
    @inline(__always)
    private func encodePieces(
        _ text: UnsafeBufferPointer<UInt8>, at start: Int, offsets: Bool, origin: (Int) -> Int,
        scratch: inout HuggingFaceBPEModel.Scratch, emit: (TokenID, Int) -> Void,
        emitBatch: (UnsafeBufferPointer<TokenID>) -> Void
    ) throws {
        guard let base = text.baseAddress, !text.isEmpty else { return }
        let model = self.model
        func encodePiece(_ piece: UnsafeBufferPointer<UInt8>, at position: (Int) -> Int) {
            if offsets {
                model.encodeWithOffsets(piece, scratch: &scratch) { id, offset in emit(id, origin(position(offset))) }
            } else {
                model.encode(piece, scratch: &scratch) { emit($0, 0) }
            }
        }
        do {
            if let directSplitter, !offsets, scratch.rankMerger != nil {
                try directSplitter.forEachPieceBatch(in: text) { pieces in
                    if let ids = model.encodeBatch(pieces, in: base, scratch: &scratch) { emitBatch(ids) }
                }
                return
            }
            if let directSplitter {
                try directSplitter.forEachPiece(in: text) { pieceStart, pieceEnd in
                    encodePiece(UnsafeBufferPointer(start: base + pieceStart, count: pieceEnd - pieceStart)) { start + pieceStart + $0 }
                }
                return
            }
            guard let preTokenizer else {
                encodePiece(text) { start + $0 }
                return
            }
            var pieces = PreTokenizedText(text)
            try preTokenizer.stage.split(&pieces)
            pieces.buffer.withUnsafeBufferPointer { all in
                for piece in pieces.pieces {
                    encodePiece(UnsafeBufferPointer(rebasing: all[piece])) { start + pieces.originalStart(of: piece.lowerBound + $0) }
                }
            }
        } catch let error as RegexError {
            throw TokenizerError.pattern(error)
        }
    }
}

extension HuggingFaceTokenizer: ValidUTF8Encoding {
    package func encode(validUTF8 text: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy) throws -> [TokenID] {
        if postProcessesEncodings { return try encode(String(decoding: text, as: UTF8.self), policy: policy) }
        return try encodeWithoutPostProcessing(text, policy: policy)
    }

    package func countTokens(validUTF8 text: UnsafeBufferPointer<UInt8>, policy: SpecialTokenPolicy) throws -> Int {
        if postProcessesEncodings { return try countTokens(String(decoding: text, as: UTF8.self), policy: policy) }
        return try countWithoutPostProcessing(text, policy: policy)
    }
}
