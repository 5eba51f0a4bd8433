/// Small UTF-8 helpers shared by the scanners and the regex wrapper.
@usableFromInline
package enum UTF8Scalar {
    /// The length of the scalar whose first byte is `leadByte` (1 for a stray continuation byte).
    @inlinable @inline(__always)
    package static func length(leadByte: UInt8) -> Int {
        if leadByte < 0xC0 { return 1 }
        if leadByte < 0xE0 { return 2 }
        if leadByte < 0xF0 { return 3 }
        return 4
    }

    /// Decodes the scalar at `index` of valid UTF-8 `bytes`, returning its value and length.
    @inlinable @inline(__always)
    package static func decode(_ bytes: UnsafePointer<UInt8>, at index: Int) -> (scalar: UInt32, length: Int) {
        let b0 = UInt32(bytes[index])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 {
            return (((b0 & 0x1F) << 6) | (UInt32(bytes[index + 1]) & 0x3F), 2)
        }
        if b0 < 0xF0 {
            return (((b0 & 0x0F) << 12) | ((UInt32(bytes[index + 1]) & 0x3F) << 6)
                | (UInt32(bytes[index + 2]) & 0x3F), 3)
        }
        return (((b0 & 0x07) << 18) | ((UInt32(bytes[index + 1]) & 0x3F) << 12)
            | ((UInt32(bytes[index + 2]) & 0x3F) << 6) | (UInt32(bytes[index + 3]) & 0x3F), 4)
    }
}
