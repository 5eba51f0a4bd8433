/// Text being pre-tokenized: the bytes, the pieces found so far (ranges into `buffer`), and where
/// pieces that a stage rewrote (ByteLevel's prefix space) came from.
struct PreTokenizedText {
    /// The normalized text, followed by any rewritten pieces.
    private(set) var buffer: [UInt8]
    /// The pieces, in order.
    var pieces: [Range<Int>]
    /// Rewritten pieces: the range of the copy in `buffer`, the bytes inserted at its start, and
    /// where the original piece started.
    private var relocations: [(copy: Range<Int>, inserted: Int, originalStart: Int)] = []
    private let textLength: Int

    /// The whole of `text` as one piece.
    init(_ text: UnsafeBufferPointer<UInt8>) {
        buffer = Array(text)
        pieces = [0..<text.count]
        textLength = text.count
    }

    /// Replaces piece `index` by `prefix` followed by its bytes.
    mutating func prefixPiece(_ index: Int, with prefix: [UInt8]) {
        let piece = pieces[index]
        let start = buffer.count
        buffer.append(contentsOf: prefix)
        buffer.append(contentsOf: buffer[piece])
        pieces[index] = start..<buffer.count
        relocations.append((start..<buffer.count, prefix.count, originalStart(of: piece.lowerBound)))
    }

    /// Runs `split` over each piece and replaces it with the non-empty sub-ranges it emits
    /// (relative to the piece).
    mutating func refine(_ split: (UnsafeBufferPointer<UInt8>, (Range<Int>) -> Void) throws -> Void) throws {
        var result: [Range<Int>] = []
        result.reserveCapacity(pieces.count * 2)
        try buffer.withUnsafeBufferPointer { all in
            for piece in pieces {
                let text = UnsafeBufferPointer(rebasing: all[piece])
                try split(text) { range in
                    if !range.isEmpty { result.append((piece.lowerBound + range.lowerBound)..<(piece.lowerBound + range.upperBound)) }
                }
            }
        }
        pieces = result
    }

    /// The offset in the normalized text that `position` of `buffer` stands for.
    func originalStart(of position: Int) -> Int {
        guard position >= textLength else { return position }
        guard let relocation = relocations.last(where: { $0.copy.contains(position) }) else { return position }
        let within = position - relocation.copy.lowerBound
        return relocation.originalStart + max(0, within - relocation.inserted)
    }
}
