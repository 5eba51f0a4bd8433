import OrderedJSON

/// `Split`: splits on a pattern (or, with `invert`, on what it does not match).
struct SplitPreTokenizer: PreTokenizerStage {
    static let typeName = "Split"
    let pattern: HuggingFacePattern
    let behavior: SplitBehavior
    let invert: Bool

    init(json: JSONCursor) throws {
        pattern = try HuggingFacePattern(json: json.required("pattern"))
        behavior = try SplitBehavior(json: json.required("behavior"), default: .isolated)
        invert = try json.bool("invert", default: false)
    }

    var summary: String { "Split(\(pattern.summary), \(behavior.rawValue)\(invert ? ", inverted" : ""))" }

    func split(_ text: inout PreTokenizedText) throws {
        try text.refine { piece, emit in
            var runs: [(Range<Int>, Bool)] = []
            var previous = 0
            try pattern.forEachMatch(in: piece) { start, end in
                if previous != start { runs.append((previous..<start, invert)) }
                runs.append((start..<end, !invert))
                previous = end
            }
            if previous != piece.count { runs.append((previous..<piece.count, invert)) }
            behavior.pieces(runs).forEach(emit)
        }
    }
}
