import BytePairEncoding

/// A `tokenizer.json` post-processor: what `encode(addSpecialTokens: true)` adds around the ids.
public indirect enum HuggingFacePostProcessor: Sendable {
    /// One piece of a template: a special token's ids or the sequence itself.
    public enum Piece: Sendable, Equatable {
        case special([TokenID])
        case sequence
    }

    /// Changes offsets only; the ids stay as they are.
    case byteLevel
    /// Adds special tokens around the sequence (the `single` template).
    case template(single: [Piece], description: String)
    /// Applies each processor in order.
    case sequence([HuggingFacePostProcessor])

    /// A one-line description.
    public var summary: String {
        switch self {
        case .byteLevel: return "ByteLevel"
        case let .template(_, description): return "TemplateProcessing(\(description))"
        case let .sequence(parts): return parts.map(\.summary).joined(separator: ", ")
        }
    }

    /// `ids` with the special tokens this processor adds.
    func process(_ ids: [TokenID]) -> [TokenID] {
        switch self {
        case .byteLevel:
            return ids
        case let .template(single, _):
            var out: [TokenID] = []
            out.reserveCapacity(ids.count + 4)
            for piece in single {
                switch piece {
                case let .special(specialIDs): out.append(contentsOf: specialIDs)
                case .sequence: out.append(contentsOf: ids)
                }
            }
            return out
        case let .sequence(parts):
            return parts.reduce(ids) { $1.process($0) }
        }
    }

    /// The ids added before and after the sequence (for counting without building arrays).
    var addedCounts: (before: Int, after: Int) {
        let probe = process([TokenID.max])
        guard let k = probe.firstIndex(of: .max) else { return (probe.count, 0) }
        return (k, probe.count - k - 1)
    }
}
