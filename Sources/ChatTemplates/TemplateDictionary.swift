/// An ordered dictionary with string keys, as Python's `dict` of JSON data: a key set again keeps
/// its first position and takes the new value. Keys compare by their code points, not by Unicode
/// canonical equivalence.
public struct TemplateDictionary: Sendable, Equatable {
    /// The members in order.
    public private(set) var entries: [(key: String, value: TemplateValue)] = []

    /// An empty dictionary.
    public init() {}

    /// A dictionary of these members; a repeated key keeps its first position and last value.
    public init(_ entries: [(key: String, value: TemplateValue)]) {
        self.entries.reserveCapacity(entries.count)
        for (key, value) in entries {
            if let index = self.entries.firstIndex(where: { sameScalars($0.key, key) }) {
                self.entries[index].value = value
            } else {
                self.entries.append((key, value))
            }
        }
    }

    /// The keys in order.
    public var keys: [String] { entries.map(\.key) }

    /// The number of members.
    public var count: Int { entries.count }

    /// The value of `key`; setting `nil` removes the member.
    public subscript(key: String) -> TemplateValue? {
        get { entries.first { sameScalars($0.key, key) }?.value }
        set {
            let index = entries.firstIndex { sameScalars($0.key, key) }
            switch (index, newValue) {
            case let (index?, value?): entries[index].value = value
            case let (index?, nil): entries.remove(at: index)
            case let (nil, value?): entries.append((key, value))
            case (nil, nil): break
            }
        }
    }

    public static func == (lhs: TemplateDictionary, rhs: TemplateDictionary) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { sameScalars($0.key, $1.key) && $0.value == $1.value }
    }
}
