/// Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF).
enum UTF8Validation {
    /// Whether `bytes` is valid UTF-8.
    /// - Complexity: O(n), with an ASCII fast path.
    @inline(__always)
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var k = 0
        let n = bytes.count
        while k < n {
            let lead = bytes[k]
            if lead < 0x80 { k += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return false
            }
            guard k + length <= n, bytes[k + 1] >= lower, bytes[k + 1] <= upper else { return false }
            var j = 2
            while j < length {
                guard bytes[k + j] & 0xC0 == 0x80 else { return false }
                j += 1
            }
            k += length
        }
        return true
    }
}
