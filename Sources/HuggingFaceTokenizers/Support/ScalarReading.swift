import Pretokenization

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
