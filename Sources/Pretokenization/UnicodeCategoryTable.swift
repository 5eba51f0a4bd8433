/// Unicode 16.0 general categories of every code point, in a two-stage lookup table built once from
/// the pinned data in `UnicodeTables16` (never from the OS, ICU or the Swift runtime).
@usableFromInline
package struct UnicodeCategoryTable: Sendable {
    /// The table for Unicode 16.0, built on first use (about 1 ms).
    package static let unicode16 = UnicodeCategoryTable()

    /// Category names in index order ("Lu", "Ll", …, "Cn").
    @usableFromInline package let categoryNames: [String]
    @usableFromInline let blockIndex: [UInt16]   // code point >> 8 → block number
    @usableFromInline let blocks: [UInt8]        // block number * 256 + (code point & 255) → category

    private init() {
        categoryNames = UnicodeTables16.categoryNames
        let fallback = UInt8(categoryNames.count - 1)
        let (starts, categories) = Self.runs(UnicodeTables16.categoryRuns)
        var index = [UInt16]()
        index.reserveCapacity(0x1100)
        var uniqueBlocks = [UInt8]()
        // Blocks already stored: one-category blocks by category, others by a fingerprint.
        var uniform = [UInt16](repeating: .max, count: 256)
        var mixed: [UInt64: [UInt16]] = [:]
        var block = [UInt8](repeating: 0, count: 256)
        var run = -1   // the run holding the current code point (-1: before the first run)
        for blockNumber in 0..<0x1100 {
            let base = UInt32(blockNumber << 8)
            while run + 1 < starts.count && starts[run + 1] <= base { run += 1 }
            let first = run >= 0 ? categories[run] : fallback
            let nextStart = run + 1 < starts.count ? starts[run + 1] : 0x110000
            if nextStart >= base + 256 {
                if uniform[Int(first)] == .max {
                    uniform[Int(first)] = UInt16(uniqueBlocks.count >> 8)
                    uniqueBlocks.append(contentsOf: repeatElement(first, count: 256))
                }
                index.append(uniform[Int(first)])
                continue
            }
            var r = run
            for offset in 0..<256 {
                let cp = base + UInt32(offset)
                while r + 1 < starts.count && starts[r + 1] <= cp { r += 1 }
                block[offset] = r >= 0 ? categories[r] : fallback
            }
            var fingerprint: UInt64 = 0x9E37_79B9_7F4A_7C15
            block.withUnsafeBytes { raw in
                for word in 0..<32 {
                    fingerprint = (fingerprint ^ raw.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                    fingerprint ^= fingerprint >> 29
                }
            }
            let known = mixed[fingerprint, default: []].first { number in
                uniqueBlocks[(Int(number) << 8)..<((Int(number) + 1) << 8)].elementsEqual(block)
            }
            if let known {
                index.append(known)
            } else {
                let number = UInt16(uniqueBlocks.count >> 8)
                mixed[fingerprint, default: []].append(number)
                uniqueBlocks.append(contentsOf: block)
                index.append(number)
            }
        }
        blockIndex = index
        blocks = uniqueBlocks
    }

    /// The `HEXSTART:CATEGORY` entries of `text`, read straight from its UTF-8; the generated data
    /// is well-formed, and a malformed entry would be skipped, not trapped on.
    private static func runs(_ text: String) -> (starts: [UInt32], categories: [UInt8]) {
        var starts: [UInt32] = []
        var categories: [UInt8] = []
        var text = text
        text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x0A) { i += 1 }
                var start: UInt32 = 0, category = 0, hexDigits = 0, decimalDigits = 0
                while i < bytes.count, let digit = Self.hexValue(bytes[i]), hexDigits < 8 {
                    start = start << 4 | UInt32(digit); hexDigits += 1; i += 1
                }
                let valid = hexDigits > 0 && i < bytes.count && bytes[i] == UInt8(ascii: ":")
                if valid { i += 1 }
                while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39, decimalDigits < 3 {
                    category = category * 10 + Int(bytes[i] - 0x30); decimalDigits += 1; i += 1
                }
                if valid && decimalDigits > 0 && category < 256 && (starts.last.map { start > $0 } ?? true) {
                    starts.append(start)
                    categories.append(UInt8(category))
                }
                while i < bytes.count && bytes[i] != 0x20 && bytes[i] != 0x0A { i += 1 }
            }
        }
        return (starts, categories)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    /// The category index of `scalar` (an index into `categoryNames`); `Cn` beyond U+10FFFF.
    @inlinable @inline(__always)
    package func category(of scalar: UInt32) -> UInt8 {
        guard scalar < 0x110000 else { return UInt8(categoryNames.count - 1) }
        let block = Int(blockIndex[Int(scalar >> 8)])
        return blocks[block << 8 | Int(scalar & 0xFF)]
    }

    /// The code point ranges whose category is in `categories` (by name), ascending.
    package func ranges(of categories: Set<String>) -> [ClosedRange<UInt32>] {
        let wanted = Set(categoryNames.indices.filter { categories.contains(categoryNames[$0]) }.map(UInt8.init))
        var result: [ClosedRange<UInt32>] = []
        var start: UInt32? = nil
        for cp in UInt32(0)...0x10FFFF {
            let inside = wanted.contains(category(of: cp))
            if inside, start == nil { start = cp }
            if !inside, let s = start { result.append(s...(cp - 1)); start = nil }
        }
        if let s = start { result.append(s...0x10FFFF) }
        return result
    }
}
