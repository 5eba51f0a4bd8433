import OrderedJSON

/// `Strip`: removes white space (Rust's `char::is_whitespace`) from the left and/or right end.
struct StripNormalizer: NormalizerStage {
    static let typeName = "Strip"
    let left: Bool
    let right: Bool

    init(json: JSONCursor) throws {
        left = try json.bool("strip_left", default: true)
        right = try json.bool("strip_right", default: true)
    }

    var summary: String { "Strip(left: \(left), right: \(right))" }

    func normalize(_ text: UnsafeBufferPointer<UInt8>, edits: inout TextEdits?) throws -> [UInt8]? {
        var start = 0
        var end = text.count
        if left {
            while start < end {
                let (scalar, length) = scalarAt(text, start)
                guard RustCharacterClasses.isWhitespace(scalar) else { break }
                start += length
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
        edits?.beginLayer()
        guard start != 0 || end != text.count else { return nil }
        edits?.record(original: 0..<start, normalized: 0..<0)
        if end < text.count { edits?.record(original: end..<text.count, normalized: (end - start)..<(end - start)) }
        return Array(text[start..<end])
    }
}
