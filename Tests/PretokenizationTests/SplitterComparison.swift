import TokenizerSuiteTestSupport
import Pretokenization
import Testing

/// Helpers for comparing splitters: the pieces of a text, seeded random texts, and a count of the
/// texts on which two splitters disagree.
enum SplitterComparison {
    /// The pieces `splitter` makes of `text`.
    static func pieces(_ splitter: any PieceSplitter, _ text: String) throws -> [String] {
        var text = text
        return try text.withUTF8 { bytes in
            var out: [String] = []
            try splitter.forEachPiece(in: bytes) { start, end in
                out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            }
            return out
        }
    }

    /// The pieces `splitter` makes of `text` through its batch interface.
    static func batchedPieces(_ splitter: any PieceSplitter, _ text: String) throws -> [String] {
        var text = text
        return try text.withUTF8 { bytes in
            var out: [String] = []
            try splitter.forEachPieceBatch(in: bytes) { batch in
                #expect(batch.count <= pieceBatchCapacity)
                for range in batch {
                    out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
                }
            }
            return out
        }
    }

    /// `count` random texts of 1–20 scalars: mostly from `alphabet`, one in eight any scalar
    /// between U+0080 and U+3FFFF.
    static func randomTexts(seed: UInt64, count: Int, alphabet: String) -> [String] {
        let scalars = Array(alphabet.unicodeScalars)
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...20, using: &generator) {
                if Int.random(in: 0..<8, using: &generator) == 0 {
                    if let scalar = Unicode.Scalar(UInt32.random(in: 0x80...0x3FFFF, using: &generator)) { s.append(scalar) }
                } else {
                    s.append(scalars[Int.random(in: 0..<scalars.count, using: &generator)])
                }
            }
            return String(s)
        }
    }

    /// The number of `texts` that `candidate` splits differently from `reference`, one by one or
    /// in batches; the first few are recorded as issues.
    static func mismatches(_ candidate: any PieceSplitter, _ reference: any PieceSplitter, on texts: [String]) throws -> Int {
        var count = 0
        for text in texts {
            let expected = try pieces(reference, text)
            let got = try pieces(candidate, text)
            let batched = try batchedPieces(candidate, text)
            for (name, candidatePieces) in [("one by one", got), ("batched", batched)] where candidatePieces != expected {
                count += 1
                if count <= 5 {
                    // The first piece that differs, with its neighbours.
                    let first = zip(candidatePieces, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                        ?? min(candidatePieces.count, expected.count)
                    let around = max(0, first - 3)..<(first + 3)
                    let mine = Array(candidatePieces[around.clamped(to: 0..<candidatePieces.count)])
                    let theirs = Array(expected[around.clamped(to: 0..<expected.count)])
                    let opening = String(text.prefix(80)).debugDescription
                    Issue.record("\(name), piece \(first) of \(text.utf8.count) bytes \(opening)...: scanner \(mine), PCRE2 \(theirs)")
                }
                break
            }
        }
        return count
    }
}
