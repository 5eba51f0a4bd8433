/// A JSON object that keeps its members in document order. A key given twice keeps its first
/// position and its last value (serde_json's `preserve_order` map); `rawEntries` keeps every member
/// as written, so readers can reject a duplicated field.
public struct JSONObject: Sendable, Hashable {
    /// Every member as written, duplicates included.
    public private(set) var rawEntries: [(key: String, value: JSONValue)]

    /// An object with these members (in this order).
    public init(_ entries: [(key: String, value: JSONValue)] = []) {
        rawEntries = entries
    }

    /// The members with duplicates merged: first position, last value.
    public var entries: [(key: String, value: JSONValue)] {
        var result: [(key: String, value: JSONValue)] = []
        var positions: [[UInt8]: Int] = [:]
        for (key, value) in rawEntries {
            let bytes = Array(key.utf8)
            if let index = positions[bytes] {
                result[index].value = value
            } else {
                positions[bytes] = result.count
                result.append((key, value))
            }
        }
        return result
    }

    /// The keys, in order, without duplicates.
    public var keys: [String] { entries.map(\.key) }

    /// The (last) value of `key`; keys compare by their UTF-8 bytes.
    public subscript(key: String) -> JSONValue? {
        get {
            rawEntries.last { $0.key.utf8.elementsEqual(key.utf8) }?.value
        }
        set {
            let existing = rawEntries.firstIndex { $0.key.utf8.elementsEqual(key.utf8) }
            rawEntries.removeAll { $0.key.utf8.elementsEqual(key.utf8) }
            guard let newValue else { return }
            let index = min(existing ?? rawEntries.count, rawEntries.count)
            rawEntries.insert((key, newValue), at: index)
        }
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        let left = lhs.entries
        let right = rhs.entries
        return left.count == right.count
            && zip(left, right).allSatisfy { $0.key.utf8.elementsEqual($1.key.utf8) && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for (key, value) in entries {
            hasher.combine(Array(key.utf8))
            hasher.combine(value)
        }
    }
}
