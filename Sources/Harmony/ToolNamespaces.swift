/// Tool namespaces by key, always in the byte order of their keys (openai-harmony keeps them in a
/// `BTreeMap<String, _>`, which decides the rendered order). Keys compare by their UTF-8 bytes, so
/// canonically equivalent but differently encoded keys stay distinct, as in the reference.
public struct ToolNamespaces: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// The namespaces, sorted by key bytes.
    public private(set) var entries: [(key: String, value: ToolNamespaceConfig)] = []

    /// No namespaces.
    public init() {}

    /// These namespaces; a key given twice keeps its last value.
    public init<S: Sequence>(_ namespaces: S) where S.Element == (String, ToolNamespaceConfig) {
        for (key, value) in namespaces { self[key] = value }
    }

    public init(dictionaryLiteral elements: (String, ToolNamespaceConfig)...) {
        self.init(elements)
    }

    /// The namespace under `key`.
    public subscript(key: String) -> ToolNamespaceConfig? {
        get { position(of: key).found.map { entries[$0].value } }
        set {
            let (found, insertion) = position(of: key)
            switch (found, newValue) {
            case let (index?, value?): entries[index].value = value
            case let (index?, nil): entries.remove(at: index)
            case let (nil, value?): entries.insert((key, value), at: insertion)
            case (nil, nil): break
            }
        }
    }

    /// Whether there are no namespaces.
    public var isEmpty: Bool { entries.isEmpty }
    /// The number of namespaces.
    public var count: Int { entries.count }
    /// The keys, in order.
    public var keys: [String] { entries.map(\.key) }

    public func makeIterator() -> IndexingIterator<[(key: String, value: ToolNamespaceConfig)]> {
        entries.makeIterator()
    }

    /// The index of `key` if present, and where it would be inserted.
    private func position(of key: String) -> (found: Int?, insertion: Int) {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].key.utf8.lexicographicallyPrecedes(key.utf8) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        let found = low < entries.count && entries[low].key.utf8.elementsEqual(key.utf8) ? low : nil
        return (found, low)
    }

    public static func == (lhs: ToolNamespaces, rhs: ToolNamespaces) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key.utf8.elementsEqual($1.key.utf8) && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for (key, value) in entries {
            hasher.combine(Array(key.utf8))
            hasher.combine(value)
        }
    }
}
