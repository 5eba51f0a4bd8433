extension JSONValue: Codable {
    /// Decodes any JSON value. Object key order follows the decoder's `allKeys`, which Foundation's
    /// `JSONDecoder` does not promise to keep; use `JSONValue(parsing:)` when order matters.
    public init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: AnyKey.self) {
            var entries: [(key: String, value: JSONValue)] = []
            for key in container.allKeys {
                entries.append((key.stringValue, try container.decode(JSONValue.self, forKey: key)))
            }
            self = .object(JSONObject(entries))
            return
        }
        if var container = try? decoder.unkeyedContainer() {
            var elements: [JSONValue] = []
            while !container.isAtEnd {
                elements.append(try container.decode(JSONValue.self))
            }
            self = .array(elements)
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(UInt64.self) {
            self = .number(.unsigned(number))
        } else if let number = try? container.decode(Int64.self) {
            self = .number(.signed(number))
        } else if let number = try? container.decode(Double.self) {
            self = .number(.double(number))
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case let .bool(flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case let .number(.unsigned(number)):
            var container = encoder.singleValueContainer()
            try container.encode(number)
        case let .number(.signed(number)):
            var container = encoder.singleValueContainer()
            try container.encode(number)
        case let .number(.double(number)):
            var container = encoder.singleValueContainer()
            try container.encode(number)
        case let .string(text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case let .array(elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(element) }
        case let .object(object):
            var container = encoder.container(keyedBy: AnyKey.self)
            for (key, value) in object.entries { try container.encode(value, forKey: AnyKey(key)) }
        }
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        let intValue: Int? = nil
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }
}
