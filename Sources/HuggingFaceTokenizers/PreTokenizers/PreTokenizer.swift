import OrderedJSON
import Pretokenization

/// One kind of `tokenizer.json` pre-tokenizer: splits normalized text into the pieces the model
/// encodes.
protocol PreTokenizerStage: JSONComponent {
    /// Splits every piece of `text` in place.
    func split(_ text: inout PreTokenizedText) throws
    /// Whether the stage is (or ends with) `ByteLevel`, after which the model reads bytes.
    var endsWithByteLevel: Bool { get }
}

extension PreTokenizerStage {
    var endsWithByteLevel: Bool { false }
}

/// A `tokenizer.json` pre-tokenizer, as tokenizers 0.23.3 applies it.
public struct HuggingFacePreTokenizer: Sendable {
    let stage: any PreTokenizerStage

    /// The pre-tokenizer types this package reads.
    static let stageTypes: [any PreTokenizerStage.Type] = [
        SplitPreTokenizer.self, ByteLevelPreTokenizer.self, DigitsPreTokenizer.self, PunctuationPreTokenizer.self,
        WhitespaceSplitPreTokenizer.self, PreTokenizerSequence.self,
    ]

    /// Reads the pre-tokenizer object at `json`.
    /// - Throws: `JSONShapeError` naming an unsupported type or a malformed value.
    init(json: JSONCursor) throws {
        stage = try Self.stageTypes[json.componentIndex(Self.stageTypes.map { $0.typeName }, kind: "pre-tokenizer")].init(json: json)
    }

    /// A one-line description.
    public var summary: String { stage.summary }

    /// Whether the model reads bytes after this pre-tokenizer (it ends with `ByteLevel`).
    var endsWithByteLevel: Bool { stage.endsWithByteLevel }

    /// The single splitter that does all of this pre-tokenization, when there is one: an isolated
    /// regex `Split` (or a chain of them) followed by `ByteLevel` without its own regex, or
    /// `ByteLevel` with its regex and no prefix space — what byte-level BPE files use.
    var directSplitter: (any PieceSplitter)? {
        if let byteLevel = stage as? ByteLevelPreTokenizer { return byteLevel.addPrefixSpace ? nil : byteLevel.regex }
        guard let sequence = stage as? PreTokenizerSequence, sequence.stages.count >= 2,
              let last = sequence.stages.last?.stage as? ByteLevelPreTokenizer, !last.addPrefixSpace, last.regex == nil
        else { return nil }
        var splitters: [any PieceSplitter] = []
        for part in sequence.stages.dropLast() {
            guard let split = part.stage as? SplitPreTokenizer, split.behavior == .isolated, !split.invert,
                  case let .regex(_, splitter) = split.pattern else { return nil }
            splitters.append(splitter)
        }
        return splitters.count == 1 ? splitters[0] : SplitChain(stages: splitters)
    }
}

/// How a split keeps the delimiters it finds (tokenizers' `SplitDelimiterBehavior`).
enum SplitBehavior: String, Sendable {
    case removed = "Removed"
    case isolated = "Isolated"
    case mergedWithPrevious = "MergedWithPrevious"
    case mergedWithNext = "MergedWithNext"
    case contiguous = "Contiguous"

    /// Reads a behavior name; `fallback` when the member is absent.
    init(json: JSONCursor?, default fallback: SplitBehavior) throws {
        guard let json else { self = fallback; return }
        let name = try json.string()
        guard let behavior = SplitBehavior(rawValue: name) else { throw json.failure("unknown split behavior \(name.debugDescription)") }
        self = behavior
    }

    /// The pieces kept from `(range, isMatch)` runs covering a text.
    func pieces(_ runs: [(Range<Int>, Bool)]) -> [Range<Int>] {
        switch self {
        case .isolated:
            return runs.map(\.0)
        case .removed:
            return runs.filter { !$0.1 }.map(\.0)
        case .contiguous:
            var out: [Range<Int>] = []
            var previousMatch = false
            for (range, isMatch) in runs {
                if isMatch == previousMatch, let last = out.last {
                    out[out.count - 1] = last.lowerBound..<range.upperBound
                } else {
                    out.append(range)
                }
                previousMatch = isMatch
            }
            return out
        case .mergedWithPrevious:
            var out: [Range<Int>] = []
            var previousMatch = false
            for (range, isMatch) in runs {
                if isMatch && !previousMatch, let last = out.last {
                    out[out.count - 1] = last.lowerBound..<range.upperBound
                } else {
                    out.append(range)
                }
                previousMatch = isMatch
            }
            return out
        case .mergedWithNext:
            var out: [Range<Int>] = []
            var previousMatch = false
            for (range, isMatch) in runs.reversed() {
                if isMatch && !previousMatch, let last = out.last {
                    out[out.count - 1] = range.lowerBound..<last.upperBound
                } else {
                    out.append(range)
                }
                previousMatch = isMatch
            }
            return out.reversed()
        }
    }
}
