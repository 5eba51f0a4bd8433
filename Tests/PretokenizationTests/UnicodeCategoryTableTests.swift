import Testing
@testable import Pretokenization

@Suite struct UnicodeCategoryTableTests {
    /// Every code point's category is the one of the generated run it falls in (runs read here the
    /// plain way, independently of the table's own reader).
    @Test func everyCodePointMatchesTheGeneratedRuns() {
        let table = UnicodeCategoryTable.unicode16
        let runs: [(start: UInt32, category: UInt8)] = UnicodeTables16.categoryRuns
            .split(whereSeparator: { $0 == " " || $0 == "\n" })
            .map { entry in
                let parts = entry.split(separator: ":")
                return (UInt32(parts[0], radix: 16)!, UInt8(parts[1])!)
            }
        #expect(runs.count > 3_000)
        var mismatches = 0
        for (i, run) in runs.enumerated() {
            let end = i + 1 < runs.count ? runs[i + 1].start : 0x110000
            for cp in run.start..<end where table.category(of: cp) != run.category { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(table.categoryNames[Int(table.category(of: 0x41))] == "Lu")
        #expect(table.categoryNames[Int(table.category(of: 0x10FFFF))] == "Cn")
        #expect(table.categoryNames[Int(table.category(of: 0x110000))] == "Cn")
    }
}
