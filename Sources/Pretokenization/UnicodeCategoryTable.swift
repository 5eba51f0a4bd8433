/// Unicode 16.0 general categories of every code point, in a two-stage lookup table built once from
/// the pinned data in `UnicodeTables16` (never from the OS, ICU or the Swift runtime).
public struct UnicodeCategoryTable: Sendable {
    /// The table for Unicode 16.0, built on first use (about 1 ms).
    public static let unicode16 = UnicodeCategoryTable()

    /// Category names in index order ("Lu", "Ll", …, "Cn").
    public let categoryNames: [String]
    @usableFromInline let blockIndex: [UInt16]   // code point >> 8 → block number
    @usableFromInline let blocks: [UInt8]        // block number * 256 + (code point & 255) → category

    private init() {
        categoryNames = UnicodeTables16.categoryNames
        var runs: [(start: UInt32, category: UInt8)] = []
        for entry in UnicodeTables16.categoryRuns.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let parts = entry.split(separator: ":")
            // The generated data is well-formed; a malformed entry would be skipped, not trapped on.
            guard parts.count == 2, let start = UInt32(parts[0], radix: 16), let category = UInt8(parts[1]) else { continue }
            runs.append((start, category))
        }
        var flat = [UInt8](repeating: UInt8(categoryNames.count - 1), count: 0x110000)
        for (i, run) in runs.enumerated() {
            let end = i + 1 < runs.count ? Int(runs[i + 1].start) : 0x110000
            for cp in Int(run.start)..<end { flat[cp] = run.category }
        }
        var index = [UInt16]()
        var uniqueBlocks = [UInt8]()
        var seen: [[UInt8]: UInt16] = [:]
        index.reserveCapacity(0x1100)
        for block in 0..<0x1100 {
            let slice = Array(flat[(block << 8)..<((block + 1) << 8)])
            if let known = seen[slice] {
                index.append(known)
            } else {
                let number = UInt16(seen.count)
                seen[slice] = number
                uniqueBlocks.append(contentsOf: slice)
                index.append(number)
            }
        }
        blockIndex = index
        blocks = uniqueBlocks
    }

    /// The category index of `scalar` (an index into `categoryNames`); `Cn` beyond U+10FFFF.
    @inlinable @inline(__always)
    public func category(of scalar: UInt32) -> UInt8 {
        guard scalar < 0x110000 else { return UInt8(categoryNames.count - 1) }
        let block = Int(blockIndex[Int(scalar >> 8)])
        return blocks[block << 8 | Int(scalar & 0xFF)]
    }

    /// The code point ranges whose category is in `categories` (by name), ascending.
    public func ranges(of categories: Set<String>) -> [ClosedRange<UInt32>] {
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
