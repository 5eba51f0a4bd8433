import BytePairEncoding

/// What tokenizers' `encode` returns beside the ids: type ids, attention and special-token masks,
/// byte offsets, and the overflowing windows truncation cut off (each processed and padded alike).
public struct HuggingFaceEncoding: Sendable, Hashable {
    /// The ids.
    public var ids: [TokenID]
    /// The type (segment) id of each id.
    public var typeIDs: [UInt32]
    /// 1 for a real id, 0 for padding.
    public var attentionMask: [UInt8]
    /// 1 for a token the post-processor or padding added, 0 for the text's own.
    public var specialTokensMask: [UInt8]
    /// The byte offset in the input of the text each id stands for (0 for added and padding ids).
    public var byteOffsets: [Int]
    /// The windows after the first, when truncation cut the encoding.
    public var overflowing: [HuggingFaceEncoding]

    /// An encoding of the text's own ids.
    init(ids: [TokenID], byteOffsets: [Int]) {
        self.ids = ids
        typeIDs = Array(repeating: 0, count: ids.count)
        attentionMask = Array(repeating: 1, count: ids.count)
        specialTokensMask = Array(repeating: 0, count: ids.count)
        self.byteOffsets = byteOffsets
        overflowing = []
    }

    /// The ids `range`.
    func slice(_ range: Range<Int>) -> HuggingFaceEncoding {
        var part = self
        part.ids = Array(ids[range])
        part.typeIDs = Array(typeIDs[range])
        part.attentionMask = Array(attentionMask[range])
        part.specialTokensMask = Array(specialTokensMask[range])
        part.byteOffsets = Array(byteOffsets[range])
        part.overflowing = []
        return part
    }

    /// tokenizers' `Encoding::truncate`: the first window of at most `maxLength` ids; the others,
    /// `maxLength - stride` apart, become `overflowing`.
    /// - Throws: `HuggingFaceEncodingError` when `stride` is not below `maxLength`.
    mutating func truncate(to maxLength: Int, stride: Int, direction: TruncationParameters.Direction) throws {
        let length = ids.count
        guard maxLength < length else { return }
        if maxLength == 0 {
            var all = self
            all.overflowing = []
            self = slice(0..<0)
            overflowing = [all]
            return
        }
        guard stride < maxLength else {
            throw TruncationError("stride \(stride) must be less than the length \(maxLength) left for the text (max_length less the special tokens)")
        }
        let step = maxLength - stride
        var windows: [Range<Int>] = []
        switch direction {
        case .right:
            var start = 0
            while true {
                let stop = min(start + maxLength, length)
                windows.append(start..<stop)
                if stop == length { break }
                start += step
            }
        case .left:
            var stop = length
            while true {
                let start = max(stop - maxLength, 0)
                windows.append(start..<stop)
                if start == 0 || stop <= step { break }
                stop -= step
            }
        }
        let parts = windows.map(slice)
        self = parts[0]
        overflowing = Array(parts.dropFirst())
    }

    /// tokenizers' `Encoding::pad`: the overflowing windows, then this one, padded to `length`.
    mutating func pad(to length: Int, with parameters: PaddingParameters) {
        for index in overflowing.indices { overflowing[index].pad(to: length, with: parameters) }
        let count = length - ids.count
        guard count > 0 else { return }
        func padded<T>(_ values: [T], _ fill: T) -> [T] {
            let padding = Array(repeating: fill, count: count)
            return parameters.direction == .left ? padding + values : values + padding
        }
        ids = padded(ids, parameters.padID)
        typeIDs = padded(typeIDs, parameters.padTypeID)
        attentionMask = padded(attentionMask, 0)
        specialTokensMask = padded(specialTokensMask, 1)
        byteOffsets = padded(byteOffsets, 0)
    }

    /// The template's pieces around this encoding and each overflowing window, as tokenizers 0.23.3
    /// applies them: the special pieces are added (with their type ids) only with
    /// `addSpecialTokens`; the sequence takes its piece's type id, except in overflowing windows,
    /// which keep theirs.
    func applying(_ template: [PostProcessorPiece], addSpecialTokens: Bool, isOverflowing: Bool = false) -> HuggingFaceEncoding {
        var result = HuggingFaceEncoding(ids: [], byteOffsets: [])
        for piece in template {
            switch piece {
            case let .sequence(typeID):
                result.ids += ids
                result.typeIDs += isOverflowing ? typeIDs : Array(repeating: typeID, count: ids.count)
                result.attentionMask += attentionMask
                result.specialTokensMask += specialTokensMask
                result.byteOffsets += byteOffsets
            case let .special(specialIDs, typeID) where addSpecialTokens:
                result.ids += specialIDs
                result.typeIDs += Array(repeating: typeID, count: specialIDs.count)
                result.attentionMask += Array(repeating: 1, count: specialIDs.count)
                result.specialTokensMask += Array(repeating: 1, count: specialIDs.count)
                result.byteOffsets += Array(repeating: 0, count: specialIDs.count)
            case .special:
                break
            }
        }
        result.overflowing = overflowing.map { $0.applying(template, addSpecialTokens: addSpecialTokens, isOverflowing: true) }
        return result
    }
}

/// Truncation that cannot be done as asked (tokenizers' `TruncationError`).
public struct TruncationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
