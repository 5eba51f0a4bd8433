#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The special (control) tokens of a vocabulary: their texts, ids, and a scanner that finds them in
/// text without regular expressions. Several texts may share one id (o200k_harmony's 200018); the
/// first text given for an id is the one it decodes to.
public struct SpecialTokens: Sendable {
    /// Every special token text with its id, in the order given.
    public let entries: [(text: String, id: TokenID)]
    @usableFromInline let table: MergeableRanks?
    @usableFromInline let lengths: [Int]           // distinct byte lengths, longest first
    @usableFromInline let firstBytes: [Bool]       // 256 flags: can a special start with this byte?
    @usableFromInline let onlyFirstByte: Int       // the one byte every special starts with, or -1
    let textsByID: [TokenID: String]

    /// A table of special tokens.
    /// - Throws: `VocabularyError` for an empty text or one text given twice.
    public init(_ entries: [(text: String, id: TokenID)]) throws {
        self.entries = entries
        var firsts = [Bool](repeating: false, count: 256)
        var lengthSet = Set<Int>()
        var byID: [TokenID: String] = [:]
        var seen = Set<[UInt8]>()
        var rows: [(bytes: [UInt8], rank: TokenID)] = []
        for (text, id) in entries {
            let bytes = Array(text.utf8)
            guard let first = bytes.first else { throw VocabularyError("special token with id \(id) has an empty text") }
            guard seen.insert(bytes).inserted else { throw VocabularyError("special token \(text) is given twice") }
            firsts[Int(first)] = true
            lengthSet.insert(bytes.count)
            if byID[id] == nil { byID[id] = text }
            rows.append((bytes, id))
        }
        // The lookup table maps text → id; ids may repeat, so key the table by entry index.
        table = rows.isEmpty ? nil : try MergeableRanks(rows.enumerated().map { ($0.element.bytes, TokenID($0.offset)) })
        lengths = lengthSet.sorted(by: >)
        firstBytes = firsts
        let starts = firsts.indices.filter { firsts[$0] }
        onlyFirstByte = starts.count == 1 ? starts[0] : -1
        textsByID = byID
    }

    /// No special tokens.
    public static let none: SpecialTokens = {
        // An empty table cannot fail to build.
        (try? SpecialTokens([])) ?? SpecialTokens(unchecked: ())
    }()

    private init(unchecked: Void) {
        entries = []; table = nil; lengths = []; firstBytes = Array(repeating: false, count: 256); onlyFirstByte = -1
        textsByID = [:]
    }

    /// The number of special texts.
    public var count: Int { entries.count }

    /// The id of special text `text`, if it is one.
    public func id(of text: String) -> TokenID? {
        guard let table else { return nil }
        var text = text
        return text.withUTF8 { table.rank(of: $0) }.map { entries[Int($0)].id }
    }

    /// The text special id `id` decodes to, if it is a special token.
    public func text(of id: TokenID) -> String? { textsByID[id] }

    /// Whether `id` is a special token.
    public func contains(id: TokenID) -> Bool { textsByID[id] != nil }

    /// The leftmost special token in `bytes[from...]` that `isIncluded` accepts (longest text when
    /// several start at the same byte): its byte range and entry index into `entries`.
    /// - Complexity: O(n · distinct lengths) in the worst case; O(n) scanning for first bytes
    ///   (with `memchr` when all specials start with one byte, as `<|…|>` tokens do).
    @inlinable
    package func firstMatch(
        in bytes: UnsafeBufferPointer<UInt8>, from: Int, where isIncluded: (Int) -> Bool
    ) -> (start: Int, end: Int, entry: Int)? {
        guard let table, let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        var i = from
        while i < n {
            if onlyFirstByte >= 0 {
                guard let found = memchr(base + i, Int32(onlyFirstByte), n - i) else { return nil }
                i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            if firstBytes[Int(base[i])] {
                for length in lengths where i + length <= n {
                    let r = table.storage.lookup(base + i, length)
                    if r != .max && isIncluded(Int(r)) { return (i, i + length, Int(r)) }
                }
            }
            i += 1
        }
        return nil
    }
}
