/// Per-scalar flags for the hand-written scanners of the OpenAI patterns, from the pinned Unicode
/// 16.0 categories and the reference's 25-code-point white-space set. Sendable because its tables
/// are written once, before it is shared, and never again.
@usableFromInline
package struct ScalarClasses: @unchecked Sendable {
    /// Flag bits.
    package static let letter: UInt8 = 1 << 0          // \p{L}
    package static let number: UInt8 = 1 << 1          // \p{N}
    package static let mark: UInt8 = 1 << 2            // \p{M}
    package static let whitespace: UInt8 = 1 << 3      // \s (25 code points)
    package static let lineBreak: UInt8 = 1 << 4       // \r or \n
    package static let upperish: UInt8 = 1 << 5        // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]
    package static let lowerish: UInt8 = 1 << 6        // [\p{Ll}\p{Lm}\p{Lo}\p{M}]

    /// The table for Unicode 16.0.
    package static let unicode16 = ScalarClasses(categories: .unicode16)

    /// Flags of U+0000…U+00FF.
    @usableFromInline let latin1: UnsafePointer<UInt8>
    /// Flags of every code point in two stages, as `UnicodeCategoryTable` stores categories:
    /// `blockIndex[cp >> 8]` is the block whose 256 flags `flagBlocks` holds. Built once for the
    /// process (the tables are shared, immutable and never freed).
    @usableFromInline let blockIndex: UnsafePointer<UInt16>
    @usableFromInline let flagBlocks: UnsafePointer<UInt8>

    init(categories: UnicodeCategoryTable) {
        var byCategory = [UInt8](repeating: 0, count: categories.categoryNames.count)
        for (index, name) in categories.categoryNames.enumerated() {
            var f: UInt8 = 0
            switch name {
            case "Lu", "Lt": f = Self.letter | Self.upperish
            case "Ll": f = Self.letter | Self.lowerish
            case "Lm", "Lo": f = Self.letter | Self.upperish | Self.lowerish
            case "Mn", "Mc", "Me": f = Self.mark | Self.upperish | Self.lowerish
            case "Nd", "Nl", "No": f = Self.number
            case "Zs", "Zl", "Zp": f = Self.whitespace
            default: f = 0
            }
            byCategory[index] = f
        }
        var latin1 = [UInt8](repeating: 0, count: 256)
        for scalar in 0..<256 {
            var f = byCategory[Int(categories.category(of: UInt32(scalar)))]
            if [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85].contains(scalar) { f |= Self.whitespace }
            if scalar == 0x0A || scalar == 0x0D { f |= Self.lineBreak }
            latin1[scalar] = f
        }
        self.latin1 = Self.permanentCopy(latin1)
        blockIndex = Self.permanentCopy(categories.blockIndex)
        flagBlocks = Self.permanentCopy(categories.blocks.map { byCategory[Int($0)] })
        fallbackFlags = byCategory[categories.categoryNames.count - 1]
    }

    /// The flags of code points beyond U+10FFFF (those of `Cn`).
    @usableFromInline let fallbackFlags: UInt8

    private static func permanentCopy<T>(_ values: [T]) -> UnsafePointer<T> {
        let copy = UnsafeMutablePointer<T>.allocate(capacity: values.count)
        copy.initialize(from: values, count: values.count)
        return UnsafePointer(copy)
    }

    /// The flags of `scalar`.
    @inlinable @inline(__always)
    package func flags(_ scalar: UInt32) -> UInt8 {
        if scalar < 256 { return latin1[Int(scalar)] }
        guard scalar < 0x110000 else { return fallbackFlags }
        return flagBlocks[Int(blockIndex[Int(scalar &>> 8)]) &<< 8 | Int(scalar & 0xFF)]
    }
}
