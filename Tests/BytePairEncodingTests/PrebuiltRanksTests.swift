import Foundation
import TokenizerSuiteTestSupport
import Testing
@testable import BytePairEncoding

@Suite struct PrebuiltRanksTests {
    static func write(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "prebuilt-\(UUID().uuidString).ranks"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Ranks mapped from their prebuilt form give every token's rank and bytes as the built ones.
    @Test func roundTripsEveryToken() throws {
        let ranks = try BytePairMergerTests.randomVocabulary(seed: 21)
        let path = try Self.write(ranks.prebuiltForm(identity: Array("test 1".utf8)))
        defer { unlink(path) }
        let region = try #require(MappedRegion(path: path))
        let mapped = try #require(MergeableRanks(prebuilt: region, identity: Array("test 1".utf8)))
        #expect(mapped.count == ranks.count && mapped.rankLimit == ranks.rankLimit)
        #expect(mapped.entries.map(\.bytes) == ranks.entries.map(\.bytes))
        for (bytes, rank) in ranks.entries { #expect(mapped.rank(of: bytes) == rank) }
        #expect(mapped.rank(of: Array("zzzz".utf8)) == nil)
    }

    /// Another identity, a flipped byte anywhere or a truncated file is refused, never trusted.
    @Test func refusesStaleOrDamagedForms() throws {
        let ranks = try BytePairMergerTests.randomVocabulary(seed: 4)
        let identity = Array("test 2".utf8)
        let form = ranks.prebuiltForm(identity: identity)
        func accepts(_ bytes: [UInt8], _ identity: [UInt8]) throws -> Bool {
            let path = try Self.write(bytes)
            defer { unlink(path) }
            guard let region = MappedRegion(path: path) else { return false }
            return MergeableRanks(prebuilt: region, identity: identity) != nil
        }
        #expect(try accepts(form, identity))
        #expect(try !accepts(form, Array("test 3".utf8)))
        #expect(try !accepts(Array(form.dropLast()), identity))
        var generator = SeededGenerator(seed: 8)
        for _ in 0..<20 {
            var damaged = form
            let at = Int(generator.next() % UInt64(form.count))
            damaged[at] ^= UInt8(1 << (generator.next() % 8))
            #expect(try !accepts(damaged, identity), "byte \(at)")
        }
    }
}
