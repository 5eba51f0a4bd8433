import CTokenizerSuiteByteClasses
import TokenizerSuiteTestSupport
import Testing

/// The vector byte classifier (whichever instructions this processor has) against the classes
/// written out byte by byte.
@Suite struct ByteClassesTests {
    @Test func classifierMatchesTheByteByByteClasses() {
        var generator = SeededGenerator(seed: 0xB17E)
        for round in 0..<2_000 {
            // Every byte value, then random bytes biased towards the classes' edges.
            let bytes: [UInt8] = round < 4
                ? (0..<64).map { UInt8(truncatingIfNeeded: round * 64 + $0) }
                : (0..<64).map { _ in
                    let edges: [UInt8] = [0x08, 0x09, 0x0A, 0x0D, 0x0E, 0x1F, 0x20, 0x27, 0x2F, 0x30, 0x39, 0x40, 0x41, 0x5A,
                                          0x5B, 0x60, 0x61, 0x7A, 0x7B, 0x7F, 0x80, 0xBF, 0xC0, 0xFF]
                    return generator.next() % 2 == 0 ? edges[Int(generator.next() % UInt64(edges.count))] : UInt8(truncatingIfNeeded: generator.next())
                }
            var classes = TSByteClasses()
            bytes.withUnsafeBufferPointer { ts_classify_64($0.baseAddress!, &classes) }
            func mask(_ test: (UInt8) -> Bool) -> UInt64 {
                bytes.enumerated().reduce(0) { $0 | (test($1.element) ? 1 << UInt64($1.offset) : 0) }
            }
            #expect(classes.lower == mask { (0x61...0x7A).contains($0) })
            #expect(classes.upper == mask { (0x41...0x5A).contains($0) })
            #expect(classes.digit == mask { (0x30...0x39).contains($0) })
            #expect(classes.space == mask { $0 == 0x20 })
            #expect(classes.otherSpace == mask { $0 == 0x09 || $0 == 0x0B || $0 == 0x0C })
            #expect(classes.lineBreak == mask { $0 == 0x0A || $0 == 0x0D })
            #expect(classes.apostrophe == mask { $0 == 0x27 })
            #expect(classes.slash == mask { $0 == 0x2F })
            #expect(classes.high == mask { $0 >= 0x80 })
            #expect(classes.continuation == mask { (0x80...0xBF).contains($0) })
        }
    }
}
