/// Python's `dict`: keys in insertion order, hashable keys compared as Python compares them
/// (`1`, `1.0` and `True` are one key; strings by code points).
struct ValueDictionary {
    private(set) var keys: [Value] = []
    private(set) var values: [Value] = []
    private var positions: [HashKey: Int] = [:]

    init() {}

    var count: Int { keys.count }

    var entries: Zip2Sequence<[Value], [Value]> { zip(keys, values) }

    /// The value of `key`, nil when missing (or when the key cannot be hashed).
    func value(for key: Value) -> Value? {
        guard let hash = HashKey(key), let position = positions[hash] else { return nil }
        return values[position]
    }

    /// The value of a string key.
    subscript(name: String) -> Value? {
        guard let position = positions[.string(ScalarString(name))] else { return nil }
        return values[position]
    }

    /// Sets `key`; a new key goes last, an existing one keeps its place.
    /// - Throws: `TypeError` for an unhashable key.
    mutating func set(_ key: Value, _ value: Value) throws {
        guard let hash = HashKey(key) else {
            throw RenderFailure.python("TypeError", "unhashable type: '\(key.typeName)'")
        }
        if let position = positions[hash] {
            values[position] = value
        } else {
            positions[hash] = keys.count
            keys.append(key)
            values.append(value)
        }
    }

    /// Sets a string key.
    mutating func set(_ name: String, _ value: Value) {
        let hash = HashKey.string(ScalarString(name))
        if let position = positions[hash] {
            values[position] = value
        } else {
            positions[hash] = keys.count
            keys.append(.string(name))
            values.append(value)
        }
    }
}

/// A string compared and hashed by its code points (UTF-8 bytes), as Python compares strings;
/// Swift's own `==` applies canonical equivalence.
struct ScalarString: Hashable {
    let text: String
    init(_ text: String) { self.text = text }
    static func == (lhs: ScalarString, rhs: ScalarString) -> Bool { lhs.text.utf8.elementsEqual(rhs.text.utf8) }
    func hash(into hasher: inout Hasher) {
        for byte in text.utf8 { hasher.combine(byte) }
    }
}

/// The hash identity of a Python key.
enum HashKey: Hashable {
    case none
    case int(Int)
    case float(UInt64)
    case string(ScalarString)
    case tuple([HashKey])

    init?(_ value: Value) {
        switch value {
        case .none: self = .none
        case let .bool(flag): self = .int(flag ? 1 : 0)
        case let .int(number): self = .int(number)
        case let .float(number):
            if number.rounded() == number, let exact = Int(exactly: number) {
                self = .int(exact)
            } else {
                self = .float(number.isNaN ? Double.nan.bitPattern : number.bitPattern)
            }
        case let .string(text): self = .string(ScalarString(text))
        case let .tuple(elements):
            var keys: [HashKey] = []
            for element in elements {
                guard let key = HashKey(element) else { return nil }
                keys.append(key)
            }
            self = .tuple(keys)
        default: return nil
        }
    }
}
