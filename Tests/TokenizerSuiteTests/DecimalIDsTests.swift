import Testing
import TokenizerSuiteTestSupport
@testable import TokenizerCore

/// The decimal spelling of ids is `String(id)`'s, joined by the separator, whatever the lengths.
@Suite struct DecimalIDsTests {
    @Test func spellsWhatStringSpells() {
        var generator = SeededGenerator(seed: 21)
        let edges: [UInt32] = [0, 1, 9, 10, 99, 100, 999, 1000, 99_999, 100_000, 199_997, 999_999_999, 1_000_000_000, .max]
        let random = (0..<5_000).map { _ in UInt32(truncatingIfNeeded: generator.next()) >> UInt32(generator.next() % 32) }
        for ids in [[], [0], edges, random] {
            var bytes = Array("prefix:".utf8)
            DecimalIDs.append(ids, separator: UInt8(ascii: ","), to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "prefix:" + ids.map(String.init).joined(separator: ","))
        }
        var single: [UInt8] = []
        DecimalIDs.append([UInt32.max], separator: UInt8(ascii: ","), to: &single)
        DecimalIDs.append([7], separator: UInt8(ascii: ","), to: &single)
        #expect(String(decoding: single, as: UTF8.self) == "42949672957")
    }
}
