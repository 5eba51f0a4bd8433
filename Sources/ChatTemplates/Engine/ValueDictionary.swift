#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Python's `dict`: keys in insertion order, hashable keys compared as Python compares them
/// (`1`, `1.0` and `True` are one key; strings by code points).
struct ValueDictionary {
    private(set) var keys: [Value] = []
    private(set) var values: [Value] = []
    /// The hash identities of the keys, in order.
    private var hashes: [HashKey] = []
    /// A hash index, built once the dictionary is large enough for it to pay.
    private var positions: [HashKey: Int]?

    private static let indexThreshold = 12

    init() {}

    /// An empty dictionary with room for `capacity` members.
    init(capacity: Int) {
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
    }

    var count: Int { keys.count }

    var entries: Zip2Sequence<[Value], [Value]> { zip(keys, values) }

    private func position(of hash: HashKey) -> Int? {
        if let positions { return positions[hash] }
        return hashes.firstIndex(of: hash)
    }

    /// The value of `key`, nil when missing (or when the key cannot be hashed).
    func value(for key: Value) -> Value? {
        guard let hash = HashKey(key), let position = position(of: hash) else { return nil }
        return values[position]
    }

    /// The value of a string key.
    subscript(name: String) -> Value? {
        guard let position = position(of: .string(ScalarString(name))) else { return nil }
        return values[position]
    }

    /// Sets `key`; a new key goes last, an existing one keeps its place.
    /// - Throws: `TypeError` for an unhashable key.
    mutating func set(_ key: Value, _ value: Value) throws {
        guard let hash = HashKey(key) else {
            throw RenderFailure.python("TypeError", "unhashable type: '\(key.typeName)'")
        }
        insert(hash, key, value)
    }

    /// Appends a string key known not to be there yet (keys of a `TemplateDictionary`).
    mutating func append(unique name: String, _ value: Value) {
        let hash = HashKey.string(ScalarString(name))
        positions?[hash] = keys.count
        hashes.append(hash)
        keys.append(.string(name))
        values.append(value)
        if positions == nil && keys.count > Self.indexThreshold {
            positions = Dictionary(uniqueKeysWithValues: zip(hashes, hashes.indices))
        }
    }

    /// Sets a string key.
    mutating func set(_ name: String, _ value: Value) {
        insert(.string(ScalarString(name)), .string(name), value)
    }

    private mutating func insert(_ hash: HashKey, _ key: Value, _ value: Value) {
        if let position = position(of: hash) {
            values[position] = value
            return
        }
        positions?[hash] = keys.count
        hashes.append(hash)
        keys.append(key)
        values.append(value)
        if positions == nil && keys.count > Self.indexThreshold {
            positions = Dictionary(uniqueKeysWithValues: zip(hashes, hashes.indices))
        }
    }
}

/// A string compared and hashed by its code points (UTF-8 bytes), as Python compares strings;
/// Swift's own `==` applies canonical equivalence.
struct ScalarString: Hashable {
    let text: String
    init(_ text: String) { self.text = text }
    static func == (lhs: ScalarString, rhs: ScalarString) -> Bool { sameScalars(lhs.text, rhs.text) }
    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// Whether two strings have the same code points (their UTF-8 bytes are equal).
func sameScalars(_ lhs: String, _ rhs: String) -> Bool {
    guard lhs.utf8.count == rhs.utf8.count else { return false }
    let fast = lhs.utf8.withContiguousStorageIfAvailable { a in
        rhs.utf8.withContiguousStorageIfAvailable { b in
            guard let left = a.baseAddress, let right = b.baseAddress else { return a.count == b.count }
            return memcmp(left, right, a.count) == 0
        }
    }
    if let fast, let result = fast { return result }
    return lhs.utf8.elementsEqual(rhs.utf8)
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
