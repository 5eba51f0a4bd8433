import Pretokenization

/// A `tokenizer.json` pre-tokenizer: splits normalized text into the pieces the model encodes.
public indirect enum HuggingFacePreTokenizer: Sendable {
    /// How a split keeps the delimiters it finds.
    public enum Behavior: String, Sendable {
        case removed = "Removed"
        case isolated = "Isolated"
        case mergedWithPrevious = "MergedWithPrevious"
        case mergedWithNext = "MergedWithNext"
        case contiguous = "Contiguous"
    }

    /// Splits on a pattern; `invert` splits on what the pattern does not match.
    case split(HuggingFacePattern, behavior: Behavior, invert: Bool)
    /// GPT-2's byte-level step: optionally a leading space and GPT-2's own split pattern. Must come
    /// last: the model then works on bytes.
    case byteLevel(addPrefixSpace: Bool, regex: (any PieceSplitter)?)
    /// Splits digits from the rest (each digit alone when `individual`).
    case digits(individual: Bool)
    /// Splits punctuation characters off.
    case punctuation(Behavior)
    /// Splits on white space and drops it.
    case whitespaceSplit
    /// Applies each pre-tokenizer in order.
    case sequence([HuggingFacePreTokenizer])

    /// GPT-2's pattern, used by `ByteLevel` with `use_regex`.
    static let gpt2Pattern = #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#

    /// A one-line description of the stage.
    public var summary: String {
        switch self {
        case let .split(p, b, invert): return "Split(\(p.summary), \(b.rawValue)\(invert ? ", inverted" : ""))"
        case let .byteLevel(prefix, regex):
            return "ByteLevel(add_prefix_space: \(prefix), use_regex: \(regex != nil))"
        case let .digits(individual): return "Digits(individual: \(individual))"
        case let .punctuation(b): return "Punctuation(\(b.rawValue))"
        case .whitespaceSplit: return "WhitespaceSplit"
        case let .sequence(parts): return parts.map(\.summary).joined(separator: ", ")
        }
    }

    /// Whether the last stage is `ByteLevel` (the model then reads bytes).
    var endsWithByteLevel: Bool {
        switch self {
        case .byteLevel: return true
        case let .sequence(parts): return parts.last?.endsWithByteLevel ?? false
        default: return false
        }
    }

    /// Splits every piece of `pieces` (byte ranges into `buffer`, which may grow when a stage adds
    /// text) in place.
    func apply(_ pieces: inout [Range<Int>], buffer: inout [UInt8]) throws {
        switch self {
        case let .sequence(parts):
            for part in parts { try part.apply(&pieces, buffer: &buffer) }
            return
        case let .byteLevel(addPrefixSpace, regex):
            if addPrefixSpace {
                for k in pieces.indices where buffer[pieces[k].lowerBound] != 0x20 {
                    let start = buffer.count
                    buffer.append(0x20)
                    buffer.append(contentsOf: buffer[pieces[k]])
                    pieces[k] = start..<buffer.count
                }
            }
            guard let regex else { return }
            try refine(&pieces, buffer: buffer) { text, emit in
                var out: [(Range<Int>, Bool)] = []
                var prev = 0
                try regex.forEachPiece(in: text) { s, e in
                    if prev != s { out.append((prev..<s, false)) }
                    out.append((s..<e, true))
                    prev = e
                }
                if prev != text.count { out.append((prev..<text.count, false)) }
                Self.splits(out, .isolated).forEach(emit)
            }
        case let .split(pattern, behavior, invert):
            try refine(&pieces, buffer: buffer) { text, emit in
                var out: [(Range<Int>, Bool)] = []
                var prev = 0
                try pattern.forEachMatch(in: text) { s, e in
                    if prev != s { out.append((prev..<s, invert)) }
                    out.append((s..<e, !invert))
                    prev = e
                }
                if prev != text.count { out.append((prev..<text.count, invert)) }
                Self.splits(out, behavior).forEach(emit)
            }
        case let .digits(individual):
            try characterSplit(&pieces, buffer: buffer, behavior: individual ? .isolated : .contiguous,
                               RustCharacterClasses.isNumeric)
        case let .punctuation(behavior):
            try characterSplit(&pieces, buffer: buffer, behavior: behavior, RustCharacterClasses.isPunctuation)
        case .whitespaceSplit:
            try characterSplit(&pieces, buffer: buffer, behavior: .removed, RustCharacterClasses.isWhitespace)
        }
    }

    /// Splits with a per-character predicate: each matching character is one match.
    private func characterSplit(
        _ pieces: inout [Range<Int>], buffer: [UInt8], behavior: Behavior, _ matches: @escaping (UInt32) -> Bool
    ) throws {
        try refine(&pieces, buffer: buffer) { text, emit in
            var out: [(Range<Int>, Bool)] = []
            var prev = 0
            var i = 0
            while i < text.count {
                let (s, l) = scalarAt(text, i)
                if matches(s) {
                    if prev != i { out.append((prev..<i, false)) }
                    out.append((i..<(i + l), true))
                    prev = i + l
                }
                i += l
            }
            if prev != text.count { out.append((prev..<text.count, false)) }
            Self.splits(out, behavior).forEach(emit)
        }
    }

    /// Runs `split` over each piece and replaces it with the non-empty sub-ranges it emits.
    private func refine(
        _ pieces: inout [Range<Int>], buffer: [UInt8],
        _ split: (UnsafeBufferPointer<UInt8>, (Range<Int>) -> Void) throws -> Void
    ) throws {
        var result: [Range<Int>] = []
        result.reserveCapacity(pieces.count * 2)
        try buffer.withUnsafeBufferPointer { all in
            for piece in pieces {
                let text = UnsafeBufferPointer(rebasing: all[piece])
                try split(text) { r in
                    if !r.isEmpty { result.append((piece.lowerBound + r.lowerBound)..<(piece.lowerBound + r.upperBound)) }
                }
            }
        }
        pieces = result
    }

    /// The pieces kept from `(range, isMatch)` runs covering a text, under `behavior`.
    static func splits(_ runs: [(Range<Int>, Bool)], _ behavior: Behavior) -> [Range<Int>] {
        switch behavior {
        case .isolated:
            return runs.map(\.0)
        case .removed:
            return runs.filter { !$0.1 }.map(\.0)
        case .contiguous:
            var out: [Range<Int>] = []
            var previousMatch = false
            for (r, isMatch) in runs {
                if isMatch == previousMatch, let last = out.last {
                    out[out.count - 1] = last.lowerBound..<r.upperBound
                } else {
                    out.append(r)
                }
                previousMatch = isMatch
            }
            return out
        case .mergedWithPrevious:
            var out: [Range<Int>] = []
            var previousMatch = false
            for (r, isMatch) in runs {
                if isMatch && !previousMatch, let last = out.last {
                    out[out.count - 1] = last.lowerBound..<r.upperBound
                } else {
                    out.append(r)
                }
                previousMatch = isMatch
            }
            return out
        case .mergedWithNext:
            var out: [Range<Int>] = []
            var previousMatch = false
            for (r, isMatch) in runs.reversed() {
                if isMatch && !previousMatch, let last = out.last {
                    out[out.count - 1] = r.lowerBound..<last.upperBound
                } else {
                    out.append(r)
                }
                previousMatch = isMatch
            }
            return out.reversed()
        }
    }
}
