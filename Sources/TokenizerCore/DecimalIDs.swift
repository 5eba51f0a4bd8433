import BytePairEncoding

/// Token ids spelled in decimal straight into a byte buffer (what `String(id)` spells, joined by a
/// separator), for the command line's and the corpus pipeline's text outputs.
package enum DecimalIDs {
    /// Appends the decimal digits of `value`.
    @inlinable
    package static func append(_ value: TokenID, to bytes: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[9 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            bytes.append(contentsOf: buffer[(10 - count)...])
        }
    }

    /// Appends `ids` in decimal with `separator` between them.
    @inlinable
    package static func append(_ ids: [TokenID], separator: UInt8, to bytes: inout [UInt8]) {
        bytes.reserveCapacity(bytes.count + ids.count * 7)
        for (index, id) in ids.enumerated() {
            if index > 0 { bytes.append(separator) }
            append(id, to: &bytes)
        }
    }
}
