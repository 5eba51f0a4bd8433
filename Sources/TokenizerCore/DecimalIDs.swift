import BytePairEncoding

/// Token ids spelled in decimal straight into a byte buffer (what `String(id)` spells, joined by a
/// separator), for the command line's and the corpus pipeline's text outputs.
package enum DecimalIDs {
    /// The most bytes one id and its separator take: ten digits and one byte.
    @usableFromInline static let maxBytesPerID = 11

    /// Appends `ids` in decimal with `separator` between them.
    @inlinable
    package static func append(_ ids: [TokenID], separator: UInt8, to bytes: inout [UInt8]) {
        guard !ids.isEmpty else { return }
        let start = bytes.count
        let room = ids.count * maxBytesPerID
        bytes.append(contentsOf: repeatElement(0, count: room))
        let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int in
            digitPairs.withUnsafeBufferPointer { pairs -> Int in
                guard let base = buffer.baseAddress, let pairs = pairs.baseAddress else { return 0 }
                let first = base + start
                var p = first
                for (index, id) in ids.enumerated() {
                    if index > 0 {
                        p.pointee = separator
                        p += 1
                    }
                    p += write(id, at: p, pairs: pairs)
                }
                return p - first
            }
        }
        bytes.removeLast(room - written)
    }

    /// "00", "01", …, "99": two digits per division by 100.
    @usableFromInline static let digitPairs: [UInt8] = (0..<100).flatMap { (pair: Int) -> [UInt8] in
        [UInt8(truncatingIfNeeded: 0x30 + pair / 10), UInt8(truncatingIfNeeded: 0x30 + pair % 10)]
    }

    /// Writes the decimal digits of `value` at `p` and returns how many.
    @inlinable @inline(__always)
    static func write(_ value: TokenID, at p: UnsafeMutablePointer<UInt8>, pairs: UnsafePointer<UInt8>) -> Int {
        let length = value < 100_000
            ? (value < 100 ? (value < 10 ? 1 : 2) : (value < 1_000 ? 3 : (value < 10_000 ? 4 : 5)))
            : (value < 10_000_000 ? (value < 1_000_000 ? 6 : 7) : (value < 100_000_000 ? 8 : (value < 1_000_000_000 ? 9 : 10)))
        var rest = value
        var i = length
        while rest >= 100 {
            let quotient = rest / 100
            let pair = Int(rest &- quotient &* 100) &* 2
            i -= 2
            p[i] = pairs[pair]
            p[i + 1] = pairs[pair + 1]
            rest = quotient
        }
        if rest >= 10 {
            p[i - 2] = pairs[Int(rest) &* 2]
            p[i - 1] = pairs[Int(rest) &* 2 + 1]
        } else {
            p[i - 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest)
        }
        return length
    }
}
