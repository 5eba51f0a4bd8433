/// transformers' `sanitize_control_tokens` at the value level: wraps every control token that
/// occurs in a string of the input in private-use markers (after removing markers already there),
/// and splits rendered text back into plain text and marked tokens.
struct ControlTokenMarker: Sendable {
    static let start: Unicode.Scalar = "\u{F0000}"
    static let end: Unicode.Scalar = "\u{F0001}"

    /// The control tokens by first scalar, longest first.
    private let byFirstScalar: [Unicode.Scalar: [[Unicode.Scalar]]]
    private let tokens: Set<ScalarString>
    /// The distinct first scalars of the tokens (few: a linear check beats hashing each scalar).
    private let firstScalars: [Unicode.Scalar]

    init(controlTokens: [String]) {
        var table: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
        var tokens = Set<ScalarString>()
        for token in controlTokens where !token.isEmpty {
            let scalars = Array(token.unicodeScalars)
            table[scalars[0], default: []].append(scalars)
            tokens.insert(ScalarString(token))
        }
        byFirstScalar = table.mapValues { $0.sorted { $0.count > $1.count } }
        self.tokens = tokens
        firstScalars = Array(table.keys)
    }

    /// `mark_control_tokens` of one value: strings marked, lists and dictionary values walked,
    /// dictionary keys left alone.
    func mark(_ value: TemplateValue) -> TemplateValue {
        switch value {
        case let .string(text): return .string(mark(text))
        case let .list(items): return .list(items.map(mark))
        case let .dictionary(dictionary):
            return .dictionary(TemplateDictionary(dictionary.entries.map { ($0.key, mark($0.value)) }))
        default: return value
        }
    }

    func mark(_ text: String) -> String {
        if !text.unicodeScalars.contains(where: { firstScalars.contains($0) || $0 == Self.start || $0 == Self.end }) {
            return text
        }
        let scalars = Array(text.unicodeScalars.filter { $0 != Self.start && $0 != Self.end })
        var out = String.UnicodeScalarView()
        var index = 0
        outer: while index < scalars.count {
            if let candidates = byFirstScalar[scalars[index]] {
                for candidate in candidates where index + candidate.count <= scalars.count {
                    if scalars[index..<(index + candidate.count)].elementsEqual(candidate) {
                        out.append(Self.start)
                        out.append(contentsOf: candidate)
                        out.append(Self.end)
                        index += candidate.count
                        continue outer
                    }
                }
            }
            out.append(scalars[index])
            index += 1
        }
        return String(out)
    }

    /// Splits marked text as `encode_marked_chat` does: at each marked control token (a start
    /// marker, a control token, an end marker) and at each lone marker, which is dropped. The
    /// first segment is always the text before the first marker (possibly empty).
    func split(_ text: String) -> [RenderedChat.Segment] {
        // U+F0000 and U+F0001 both start with the byte F3 in UTF-8.
        if !text.utf8.contains(0xF3) { return [.text(text)] }
        let scalars = Array(text.unicodeScalars)
        var segments: [RenderedChat.Segment] = []
        var current = String.UnicodeScalarView()
        var index = 0
        func flush() {
            segments.append(.text(String(current)))
            current = String.UnicodeScalarView()
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == Self.start {
                var close = index + 1
                while close < scalars.count, scalars[close] != Self.end, scalars[close] != Self.start { close += 1 }
                if close < scalars.count, scalars[close] == Self.end {
                    let token = PythonStrings.string(scalars[(index + 1)..<close])
                    if tokens.contains(ScalarString(token)) {
                        flush()
                        segments.append(.controlTokenAsText(token))
                        index = close + 1
                        continue
                    }
                }
                flush()
                index += 1
            } else if scalar == Self.end {
                flush()
                index += 1
            } else {
                current.append(scalar)
                index += 1
            }
        }
        flush()
        return segments
    }
}
