import BytePairEncoding
import TokenizerCore

extension HuggingFaceTokenizer {
    /// tokenizers' `encode(text, add_special_tokens=…)` in full: the ids with their type ids, masks
    /// and offsets, truncated and padded as the file's `truncation` and `padding` say, with the
    /// windows truncation cut off in `overflowing`.
    /// - Throws: `TokenizerError.unsupportedPolicy` when truncation cannot be done as the file asks
    ///   (tokenizers' `TruncationError`), or the encoding's errors.
    public func encodeForModel(_ text: String, policy: SpecialTokenPolicy = .huggingFaceDefault) throws -> HuggingFaceEncoding {
        var bare = policy
        bare.addSpecialTokens = false
        let (ids, offsets) = try encodeWithOffsets(text, policy: bare, postProcessing: false)
        var encoding = HuggingFaceEncoding(ids: ids, byteOffsets: offsets)
        if let truncation {
            do {
                try truncate(&encoding, truncation, addSpecialTokens: policy.addSpecialTokens)
            } catch let error as TruncationError {
                throw TokenizerError.unsupportedPolicy("\(name): \(error)")
            }
        }
        if let template = postProcessor?.stage.template {
            encoding = encoding.applying(template, addSpecialTokens: policy.addSpecialTokens)
        }
        if let padding { encoding.pad(to: padding.targetLength(for: encoding.ids.count), with: padding) }
        return encoding
    }

    /// Whether the file's truncation or padding changes what `encode` returns.
    var postProcessesEncodings: Bool { truncation != nil || padding != nil }

    /// tokenizers' `truncate_encodings` for one sequence, `max_length` first reduced by the tokens
    /// the post-processor will add.
    private func truncate(_ encoding: inout HuggingFaceEncoding, _ parameters: TruncationParameters, addSpecialTokens: Bool) throws {
        let added = addSpecialTokens ? postProcessor?.addedCount ?? 0 : 0
        // tokenizers subtracts in an unsigned integer: fewer room than added tokens wraps around,
        // and nothing is cut.
        guard parameters.maxLength >= added else { return }
        let maxLength = parameters.maxLength - added
        if maxLength == 0 {
            try encoding.truncate(to: 0, stride: parameters.stride, direction: parameters.direction)
            return
        }
        let length = encoding.ids.count
        guard length > maxLength else { return }
        let toRemove = length - maxLength
        switch parameters.strategy {
        case .longestFirst:
            try encoding.truncate(to: maxLength, stride: parameters.stride, direction: parameters.direction)
        case .onlyFirst:
            guard length > toRemove else {
                throw TruncationError("Truncation error: Sequence to truncate too short to respect the provided max_length")
            }
            try encoding.truncate(to: length - toRemove, stride: parameters.stride, direction: parameters.direction)
        case .onlySecond:
            throw TruncationError("Truncation error: Second sequence not provided")
        }
    }
}
