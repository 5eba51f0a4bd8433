import BytePairEncoding
import TokenizerCore

extension TiktokenEncoding {
    /// `encodeOrdinary` of every text, on all cores; results are in input order.
    public func encodeOrdinaryBatch(_ texts: [String]) throws -> [[TokenID]] {
        try encodeBatch(texts, policy: .untrusted)
    }

    /// `encode` of every text, on all cores; results are in input order. The first error (in input
    /// order) is thrown.
    public func encodeBatch(
        _ texts: [String], allowedSpecial: SpecialTokenSelection = .none, disallowedSpecial: SpecialTokenSelection = .all
    ) throws -> [[TokenID]] {
        try encodeBatch(texts, policy: SpecialTokenPolicy(allowedSpecial: allowedSpecial, disallowedSpecial: disallowedSpecial))
    }
}
