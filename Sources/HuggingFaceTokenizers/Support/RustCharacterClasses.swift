import Pretokenization

/// The character classes tokenizers uses outside its patterns: those of its pre-tokenizers as
/// measured on the reference (`ReferenceCharacterClasses`), and the `regex` crate's `\w` on the
/// pinned Unicode 16.0 data.
enum RustCharacterClasses {
    private static func bits(_ ranges: [ClosedRange<UInt32>]) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: 0x110000 / 64)
        for range in ranges { for cp in range { words[Int(cp >> 6)] |= 1 << UInt64(cp & 63) } }
        return words
    }

    private static let whitespaceBits = bits(ReferenceCharacterClasses.whitespace)
    private static let numericBits = bits(ReferenceCharacterClasses.numeric)
    private static let punctuationBits = bits(ReferenceCharacterClasses.punctuation)

    @inline(__always)
    private static func test(_ words: [UInt64], _ cp: UInt32) -> Bool {
        cp < 0x110000 && words[Int(cp >> 6)] & (1 << UInt64(cp & 63)) != 0
    }

    /// `char::is_whitespace` (White_Space): what `WhitespaceSplit` and `Strip` remove.
    static func isWhitespace(_ scalar: UInt32) -> Bool { test(whitespaceBits, scalar) }

    /// What the `Digits` pre-tokenizer splits off.
    static func isNumeric(_ scalar: UInt32) -> Bool { test(numericBits, scalar) }

    /// What the `Punctuation` pre-tokenizer splits off.
    static func isPunctuation(_ scalar: UInt32) -> Bool { test(punctuationBits, scalar) }

    /// The `regex` crate's Unicode `\w`: letters, marks, decimal digits, connector punctuation,
    /// Nl and the joiners.
    static func isWordCharacter(_ scalar: UInt32) -> Bool {
        if scalar == 0x200C || scalar == 0x200D { return true }
        let name = category(scalar)
        return name.hasPrefix("L") || name.hasPrefix("M") || name == "Nd" || name == "Nl" || name == "Pc"
    }

    static func category(_ scalar: UInt32) -> String {
        let table = UnicodeCategoryTable.unicode16
        return table.categoryNames[Int(table.category(of: scalar))]
    }
}
