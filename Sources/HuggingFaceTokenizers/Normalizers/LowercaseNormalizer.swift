import OrderedJSON

/// `Lowercase`: each character's Unicode lowercase mapping (character by character, as Rust's
/// `char::to_lowercase`).
struct LowercaseNormalizer: NormalizerStage {
    static let typeName = "Lowercase"
    let summary = "Lowercase"

    init(json: JSONCursor) {}

    func normalize(_ text: UnsafeBufferPointer<UInt8>, edits: inout TextEdits?) throws -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var changed = false
        edits?.beginLayer()
        forEachScalar(text) { scalar, range in
            if scalar.value < 0x80 {
                let byte = UInt8(scalar.value)
                let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                changed = changed || lower != byte
                out.append(lower)
                return
            }
            let mapping = scalar.properties.lowercaseMapping
            if mapping.unicodeScalars.count == 1 && mapping.unicodeScalars.first == scalar {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: text[range]))
                return
            }
            changed = true
            let start = out.count
            out.append(contentsOf: mapping.utf8)
            if out.count - start != range.count { edits?.record(original: range, normalized: start..<out.count) }
        }
        return changed ? out : nil
    }
}
