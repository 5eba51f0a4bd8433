import Pretokenization

/// A sequence of `Split` pre-tokenizers with the `Isolated` behaviour (DeepSeek's digits, CJK and
/// main patterns) run as one splitter: each stage splits the pieces of the previous one into its
/// matches and the text between them, with no intermediate buffers.
struct SplitChain: PieceSplitter {
    let stages: [any PieceSplitter]

    func forEachPiece(in text: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) throws {
        try split(text, offset: 0, stage: 0, body)
    }

    private func split(_ text: UnsafeBufferPointer<UInt8>, offset: Int, stage: Int, _ body: (Int, Int) -> Void) throws {
        guard !text.isEmpty else { return }
        guard stage < stages.count else { body(offset, offset + text.count); return }
        var previous = 0
        var failure: (any Error)? = nil
        try stages[stage].forEachPiece(in: text) { start, end in
            guard failure == nil else { return }
            do {
                if previous != start {
                    try split(UnsafeBufferPointer(rebasing: text[previous..<start]), offset: offset + previous, stage: stage + 1, body)
                }
                try split(UnsafeBufferPointer(rebasing: text[start..<end]), offset: offset + start, stage: stage + 1, body)
            } catch {
                failure = error
            }
            previous = end
        }
        if let failure { throw failure }
        if previous != text.count {
            try split(UnsafeBufferPointer(rebasing: text[previous...]), offset: offset + previous, stage: stage + 1, body)
        }
    }
}
