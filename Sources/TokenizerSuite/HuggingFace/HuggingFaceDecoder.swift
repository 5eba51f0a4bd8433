import BytePairEncoding

/// A `tokenizer.json` decoder: turns the token strings of ids back into text.
public indirect enum HuggingFaceDecoder: Sendable {
    /// GPT-2's byte-level characters back to bytes (tokens outside the alphabet stay as they are),
    /// then UTF-8 with U+FFFD for invalid bytes; the result is one string.
    case byteLevel
    /// Replaces a literal pattern in each token.
    case replace(String, content: String)
    /// Joins all tokens into one.
    case fuse
    /// Removes up to `start` leading and `stop` trailing occurrences of `content` from each token.
    case strip(content: Unicode.Scalar, start: Int, stop: Int)
    /// `<0xAB>` tokens back to bytes (runs of them decoded as UTF-8, one U+FFFD per byte if invalid).
    case byteFallback
    /// Applies each decoder in order.
    case sequence([HuggingFaceDecoder])

    /// A one-line description.
    public var summary: String {
        switch self {
        case .byteLevel: return "ByteLevel"
        case let .replace(p, c): return "Replace(\(p.debugDescription) → \(c.debugDescription))"
        case .fuse: return "Fuse"
        case let .strip(c, s, e): return "Strip(\(String(Character(c)).debugDescription), \(s), \(e))"
        case .byteFallback: return "ByteFallback"
        case let .sequence(parts): return parts.map(\.summary).joined(separator: ", ")
        }
    }

    /// The decoded pieces of `tokens` (the reference's `decode_chain`).
    func decodeChain(_ tokens: [String]) -> [String] {
        switch self {
        case .byteLevel:
            var bytes: [UInt8] = []
            for token in tokens {
                if let b = ByteLevelAlphabet.bytes(of: token) { bytes.append(contentsOf: b) } else { bytes.append(contentsOf: token.utf8) }
            }
            return [UTF8Decoding.lossy(bytes)]
        case let .replace(pattern, content):
            guard !pattern.isEmpty else { return tokens }
            return tokens.map { replaceAll($0, pattern, content) }
        case .fuse:
            return [tokens.joined()]
        case let .strip(content, start, stop):
            return tokens.map { token in
                let scalars = Array(token.unicodeScalars)
                var s = 0
                while s < start && s < scalars.count && scalars[s] == content { s += 1 }
                var e = scalars.count
                var removed = 0
                while removed < stop && e > s && scalars[e - 1] == content { e -= 1; removed += 1 }
                var out = ""
                out.unicodeScalars.append(contentsOf: scalars[s..<e])
                return out
            }
        case .byteFallback:
            var out: [String] = []
            var pending: [UInt8] = []
            func flush() {
                guard !pending.isEmpty else { return }
                if let s = UTF8Decoding.strict(pending) { out.append(s) } else {
                    out.append(contentsOf: Array(repeating: "\u{FFFD}", count: pending.count))
                }
                pending.removeAll()
            }
            for token in tokens {
                let u = Array(token.utf8)
                if u.count == 6, u.starts(with: Array("<0x".utf8)), u[5] == UInt8(ascii: ">"),
                   let b = UInt8(String(decoding: u[3..<5], as: UTF8.self), radix: 16) {
                    pending.append(b)
                } else {
                    flush()
                    out.append(token)
                }
            }
            flush()
            return out
        case let .sequence(parts):
            return parts.reduce(tokens) { $1.decodeChain($0) }
        }
    }

    /// Whether the decoder is exactly `ByteLevel` (the fast byte path applies).
    var isPlainByteLevel: Bool {
        switch self {
        case .byteLevel: return true
        case let .sequence(parts): return parts.count == 1 && parts[0].isPlainByteLevel
        default: return false
        }
    }
}

/// `text` with every non-overlapping occurrence of `pattern` (compared byte-wise) replaced.
func replaceAll(_ text: String, _ pattern: String, _ content: String) -> String {
    let t = Array(text.utf8)
    let p = Array(pattern.utf8)
    guard !p.isEmpty, t.count >= p.count else { return text }
    var out: [UInt8] = []
    var i = 0
    var changed = false
    while i < t.count {
        if i + p.count <= t.count && t[i..<(i + p.count)].elementsEqual(p) {
            out.append(contentsOf: content.utf8)
            i += p.count
            changed = true
        } else {
            out.append(t[i])
            i += 1
        }
    }
    return changed ? String(decoding: out, as: UTF8.self) : text
}
