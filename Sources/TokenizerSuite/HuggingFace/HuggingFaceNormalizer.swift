import Pretokenization
import TextNormalization

/// A `tokenizer.json` normalizer: a transformation of the text between added tokens, applied before
/// pre-tokenization.
public indirect enum HuggingFaceNormalizer: Sendable {
    /// NFC, NFD, NFKC or NFKD, exactly as tokenizers 0.23.3 applies them.
    case unicode(ReferenceNormalizer)
    /// Lowercases each character (Unicode full lowercase mapping, character by character).
    case lowercase
    /// Replaces every occurrence of a pattern with `content`.
    case replace(HuggingFacePattern, content: String)
    /// Prepends `text` to non-empty input.
    case prepend(String)
    /// Removes white space from the left and/or right end.
    case strip(left: Bool, right: Bool)
    /// Applies each normalizer in order.
    case sequence([HuggingFaceNormalizer])

    /// Whether the normalizer never changes any text (an empty sequence).
    public var isIdentity: Bool {
        if case let .sequence(parts) = self { return parts.allSatisfy(\.isIdentity) }
        return false
    }

    /// A one-line description of the pipeline stage.
    public var summary: String {
        switch self {
        case let .unicode(n): return "\(n.form)".uppercased()
        case .lowercase: return "Lowercase"
        case let .replace(p, content): return "Replace(\(p.summary) → \(content.debugDescription))"
        case let .prepend(text): return "Prepend(\(text.debugDescription))"
        case let .strip(l, r): return "Strip(left: \(l), right: \(r))"
        case let .sequence(parts): return parts.isEmpty ? "none" : parts.map(\.summary).joined(separator: ", ")
        }
    }

    /// Normalizes `text` (valid UTF-8). Returns nil when the text is unchanged.
    func apply(_ text: UnsafeBufferPointer<UInt8>) throws -> [UInt8]? {
        switch self {
        case let .unicode(normalizer):
            var out: [UInt8] = []
            return try normalizer.normalize(text, into: &out) ? out : nil
        case .lowercase:
            var out: [UInt8] = []
            out.reserveCapacity(text.count)
            var changed = false
            forEachScalar(text) { scalar, range in
                if scalar.value < 0x80 {
                    let b = UInt8(scalar.value)
                    let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                    changed = changed || lower != b
                    out.append(lower)
                    return
                }
                let mapping = scalar.properties.lowercaseMapping
                if mapping.unicodeScalars.count == 1 && mapping.unicodeScalars.first == scalar {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: text[range]))
                } else {
                    changed = true
                    out.append(contentsOf: mapping.utf8)
                }
            }
            return changed ? out : nil
        case let .replace(pattern, content):
            var out: [UInt8] = []
            var last = 0
            var any = false
            try pattern.forEachMatch(in: text) { start, end in
                any = true
                out.append(contentsOf: UnsafeBufferPointer(rebasing: text[last..<start]))
                out.append(contentsOf: content.utf8)
                last = end
            }
            guard any else { return nil }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[last...]))
            return out
        case let .prepend(prefix):
            guard !text.isEmpty, !prefix.isEmpty else { return nil }
            return Array(prefix.utf8) + Array(text)
        case let .strip(left, right):
            var start = 0
            var end = text.count
            if left {
                while start < end {
                    let (s, l) = scalarAt(text, start)
                    guard RustCharacterClasses.isWhitespace(s) else { break }
                    start += l
                }
            }
            if right {
                while end > start {
                    var k = end - 1
                    while k > start && text[k] & 0xC0 == 0x80 { k -= 1 }
                    guard RustCharacterClasses.isWhitespace(scalarAt(text, k).0) else { break }
                    end = k
                }
            }
            return start == 0 && end == text.count ? nil : Array(text[start..<end])
        case let .sequence(parts):
            var current: [UInt8]? = nil
            for part in parts {
                let next: [UInt8]?
                if let c = current {
                    next = try c.withUnsafeBufferPointer { try part.apply($0) }
                } else {
                    next = try part.apply(text)
                }
                if let next { current = next }
            }
            return current
        }
    }
}

/// Calls `body` with each scalar of valid UTF-8 `text` and its byte range.
func forEachScalar(_ text: UnsafeBufferPointer<UInt8>, _ body: (Unicode.Scalar, Range<Int>) -> Void) {
    var i = 0
    while i < text.count {
        let (s, l) = scalarAt(text, i)
        body(Unicode.Scalar(s) ?? "\u{FFFD}", i..<(i + l))
        i += l
    }
}

/// The scalar at byte `i` of valid UTF-8 `text` and its length.
@inline(__always)
func scalarAt(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
    guard let base = text.baseAddress else { return (0, 1) }
    return UTF8Scalar.decode(base, at: i)
}

/// The character classes tokenizers uses outside its patterns: those of its pre-tokenizers as
/// measured on the reference (`ReferenceCharacterClasses`), and the `regex` crate's `\w` on the
/// pinned Unicode 16.0 data.
enum RustCharacterClasses {
    private static func bits(_ ranges: [ClosedRange<UInt32>]) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: 0x110000 / 64)
        for range in ranges { for cp in range { words[Int(cp >> 6)] |= 1 << UInt64(cp & 63) } }
        return words
    }

    private static let whitespaceBits = bits(ReferenceCharacterClasses.whitespace)
    private static let numericBits = bits(ReferenceCharacterClasses.numeric)
    private static let punctuationBits = bits(ReferenceCharacterClasses.punctuation)

    @inline(__always)
    private static func test(_ words: [UInt64], _ cp: UInt32) -> Bool {
        cp < 0x110000 && words[Int(cp >> 6)] & (1 << UInt64(cp & 63)) != 0
    }

    /// `char::is_whitespace` (White_Space): what `WhitespaceSplit` and `Strip` remove.
    static func isWhitespace(_ scalar: UInt32) -> Bool { test(whitespaceBits, scalar) }

    /// What the `Digits` pre-tokenizer splits off.
    static func isNumeric(_ scalar: UInt32) -> Bool { test(numericBits, scalar) }

    /// What the `Punctuation` pre-tokenizer splits off.
    static func isPunctuation(_ scalar: UInt32) -> Bool { test(punctuationBits, scalar) }

    /// The `regex` crate's Unicode `\w`: letters, marks, decimal digits, connector punctuation,
    /// Nl and the joiners.
    static func isWordCharacter(_ scalar: UInt32) -> Bool {
        if scalar == 0x200C || scalar == 0x200D { return true }
        let name = category(scalar)
        return name.hasPrefix("L") || name.hasPrefix("M") || name == "Nd" || name == "Nl" || name == "Pc"
    }

    static func category(_ scalar: UInt32) -> String {
        let table = UnicodeCategoryTable.unicode16
        return table.categoryNames[Int(table.category(of: scalar))]
    }
}
