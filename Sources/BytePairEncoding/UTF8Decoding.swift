/// Decoding token bytes to text: strict, lossy (like Python's `errors="replace"`), and the length of
/// the longest valid prefix that a streaming decoder may emit.
public enum UTF8Decoding {
    /// The string, or nil when `bytes` is not valid UTF-8.
    public static func strict<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        var failed = false
        var result = ""
        result.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar): result.unicodeScalars.append(scalar)
            case .emptyInput: break loop
            case .error: failed = true; break loop
            }
        }
        return failed ? nil : result
    }

    /// The string with each maximal invalid subsequence replaced by U+FFFD, as Python's
    /// `bytes.decode("utf-8", errors="replace")` does.
    public static func lossy<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        // The standard library replaces maximal subparts (Unicode's recommended practice), which is
        // also CPython's rule.
        String(decoding: bytes, as: UTF8.self)
    }

    /// The byte offset of the first invalid sequence, or nil when all of `bytes` is valid.
    public static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let length = validSequenceLength(bytes, at: i)
            if length == 0 { return i }
            i += length
        }
        return nil
    }

    /// The length of the valid UTF-8 sequence starting at `index` (0 when invalid or truncated).
    @inlinable
    public static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let b0 = bytes[index]
        let n = bytes.count
        if b0 < 0x80 { return 1 }
        func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            index + k < n && bytes[index + k] >= low && bytes[index + k] <= high
        }
        switch b0 {
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }

    /// Whether the bytes from `index` to the end are a proper prefix of some valid sequence (more
    /// bytes could still complete them).
    public static func isIncompletePrefix(_ bytes: [UInt8], from index: Int) -> Bool {
        let remaining = bytes.count - index
        guard remaining > 0, remaining < 4 else { return false }
        let b0 = bytes[index]
        let needed: Int
        switch b0 {
        case 0xC2...0xDF: needed = 2
        case 0xE0...0xEF: needed = 3
        case 0xF0...0xF4: needed = 4
        default: return false
        }
        guard remaining < needed else { return false }
        for k in 1..<remaining {
            let b = bytes[index + k]
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            if k == 1 {
                switch b0 {
                case 0xE0: low = 0xA0
                case 0xED: high = 0x9F
                case 0xF0: low = 0x90
                case 0xF4: high = 0x8F
                default: break
                }
            }
            if b < low || b > high { return false }
        }
        return true
    }
}
