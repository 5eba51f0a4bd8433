import BytePairEncoding
import Testing
import TokenizerSuite

/// Properties that hold for every input: decoding an encoding gives the text back byte for byte,
/// counting agrees with encoding, and batches agree with single calls.
@Suite struct RoundTripPropertyTests {
    static func randomText(_ generator: inout some RandomNumberGenerator) -> String {
        var scalars = String.UnicodeScalarView()
        let length = Int.random(in: 0...40, using: &generator)
        while scalars.count < length {
            let value: UInt32
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<5: value = UInt32.random(in: 0x20...0x7E, using: &generator)
            case 5: value = [0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0x85, 0xA0, 0x2028, 0x3000, 0x180E][Int.random(in: 0..<10, using: &generator)]
            case 6: value = UInt32.random(in: 0x80...0x7FF, using: &generator)
            case 7: value = UInt32.random(in: 0x800...0xFFFF, using: &generator)
            default: value = UInt32.random(in: 0x10000...0x10FFFF, using: &generator)
            }
            if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
        }
        return String(scalars)
    }

    @Test(arguments: ["o200k_harmony", "cl100k_base"])
    func decodeInvertsEncodeOnRandomUnicode(encodingName: String) throws {
        let encoding = try TiktokenEncoding.bundled(encodingName)
        var generator = SystemRandomNumberGenerator()
        var texts: [String] = []
        for _ in 0..<5_000 {
            let text = Self.randomText(&generator)
            texts.append(text)
            let ids = try encoding.encodeOrdinary(text)
            let bytes = try encoding.decodeBytes(ids)
            #expect(bytes == Array(text.utf8), "\(text.debugDescription)")
            #expect(try encoding.countTokens(text, policy: .untrusted) == ids.count)
            #expect(ids.allSatisfy { Int($0) < encoding.ranks.rankLimit })
        }
        #expect(try encoding.encodeOrdinaryBatch(texts) == texts.map { try encoding.encodeOrdinary($0) })
    }
}
