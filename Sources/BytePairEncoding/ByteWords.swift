/// Reading short byte strings as little-endian words without touching a byte outside them: the
/// word loads behind the tables' hashing and comparing.
@usableFromInline
enum ByteWords {
    /// The 8 bytes at `p + offset`, little-endian.
    @inlinable @inline(__always)
    static func load(_ p: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p + offset).loadUnaligned(as: UInt64.self))
    }

    /// `p[0..<n]` (1 ≤ n ≤ 7) packed little-endian into a word (`p[0]` lowest), zero above.
    @inlinable @inline(__always)
    static func packed(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        let raw = UnsafeRawPointer(p)
        if n >= 4 {
            let low = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
            return low | (high &>> UInt64((8 - n) &* 8)) &<< 32
        }
        let middle = n &>> 1
        return UInt64(p[0]) | UInt64(p[middle]) &<< UInt64(middle &* 8) | UInt64(p[n - 1]) &<< UInt64((n - 1) &* 8)
    }

    /// The last `length - from` bytes of `p[0..<length]` (1 to 7 of them) packed as `packed`
    /// packs them: one overlapping load when the string has 8 bytes or more.
    @inlinable @inline(__always)
    static func tail(_ p: UnsafePointer<UInt8>, from: Int, length: Int) -> UInt64 {
        if length >= 8 { return load(p, length - 8) &>> UInt64((8 - (length - from)) &* 8) }
        return packed(p + from, length - from)
    }
}

/// Whether `length` bytes at `a` and `b` are equal.
@inlinable @inline(__always)
func bytesEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
    var i = 0
    while i + 8 <= length {
        if ByteWords.load(a, i) != ByteWords.load(b, i) { return false }
        i += 8
    }
    return i == length || ByteWords.tail(a, from: i, length: length) == ByteWords.tail(b, from: i, length: length)
}
