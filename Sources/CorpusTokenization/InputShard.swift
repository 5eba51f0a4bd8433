/// Which part of an input file one of N workers processes: the `index`-th of `count` byte ranges,
/// each moved to the next line start, so N workers on N machines cover every line exactly once and
/// their outputs, concatenated in shard order, equal one run over the whole file.
public struct InputShard: Sendable, Hashable, CustomStringConvertible {
    /// The shard, from 0.
    public let index: Int
    /// The number of shards.
    public let count: Int

    /// The whole input.
    public static let whole = InputShard(uncheckedIndex: 0, count: 1)

    /// Shard `index` of `count`.
    /// - Throws: `CorpusError.invalidOptions` unless `0 <= index < count`.
    public init(index: Int, count: Int) throws {
        guard count >= 1, index >= 0, index < count else {
            throw CorpusError.invalidOptions("shard \(index)/\(count): the index must be at least 0 and below the count")
        }
        self.init(uncheckedIndex: index, count: count)
    }

    /// Reads `I/N` (`0/4` is the first of four).
    /// - Throws: `CorpusError.invalidOptions` naming the text.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw CorpusError.invalidOptions("shard \(text.debugDescription): expected I/N, such as 0/4")
        }
        try self.init(index: index, count: count)
    }

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }

    /// The shard's nominal start in a file of `size` bytes, before it moves to a line start.
    func nominalStart(size: Int, shard: Int) -> Int {
        Int((Double(size) * Double(shard) / Double(count)).rounded(.down))
    }

    /// The shard's byte range in a file of `size` bytes: each nominal boundary moves forward to the
    /// next line start (`newlineAtOrAfter` finds the file's first newline at or after an offset).
    func byteRange(size: Int, newlineAtOrAfter: (Int) throws -> Int?) rethrows -> Range<Int> {
        func aligned(_ boundary: Int) throws -> Int {
            guard boundary > 0 else { return 0 }
            guard boundary < size else { return size }
            // A line starts at `boundary` when the byte before it ends a line.
            guard let newline = try newlineAtOrAfter(boundary - 1) else { return size }
            return newline + 1
        }
        let start = try aligned(nominalStart(size: size, shard: index))
        let end = index + 1 == count ? size : try aligned(nominalStart(size: size, shard: index + 1))
        return start..<max(start, end)
    }
}
