/// Splits each piece at the characters a predicate accepts, each such character one match, and keeps
/// the runs as `behavior` says: what `Digits`, `Punctuation` and `WhitespaceSplit` share.
func splitCharacters(_ text: inout PreTokenizedText, behavior: SplitBehavior, where matches: (UInt32) -> Bool) throws {
    try text.refine { piece, emit in
        var runs: [(Range<Int>, Bool)] = []
        var previous = 0
        var i = 0
        while i < piece.count {
            let (scalar, length) = scalarAt(piece, i)
            if matches(scalar) {
                if previous != i { runs.append((previous..<i, false)) }
                runs.append((i..<(i + length), true))
                previous = i + length
            }
            i += length
        }
        if previous != piece.count { runs.append((previous..<piece.count, false)) }
        behavior.pieces(runs).forEach(emit)
    }
}
