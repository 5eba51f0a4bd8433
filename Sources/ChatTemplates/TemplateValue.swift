/// The data a chat template reads and the JSON-like values a caller passes in: messages, tools,
/// documents and extra variables. Dictionaries keep their keys in insertion order, as Python's do.
public enum TemplateValue: Sendable, Equatable {
    /// Python's `None` (JSON `null`).
    case none
    /// A Boolean.
    case bool(Bool)
    /// An integer (64-bit; larger JSON integers are rejected when read).
    case int(Int)
    /// A floating-point number.
    case float(Double)
    /// A string.
    case string(String)
    /// A list.
    case list([TemplateValue])
    /// A dictionary with string keys, in insertion order.
    case dictionary(TemplateDictionary)

    /// The string, when this is a string.
    public var stringValue: String? {
        if case let .string(text) = self { return text }
        return nil
    }

    /// The dictionary, when this is one.
    public var dictionaryValue: TemplateDictionary? {
        if case let .dictionary(dictionary) = self { return dictionary }
        return nil
    }

    /// The elements, when this is a list.
    public var listValue: [TemplateValue]? {
        if case let .list(elements) = self { return elements }
        return nil
    }

    /// The member `key` when this is a dictionary that has it.
    public subscript(key: String) -> TemplateValue? {
        dictionaryValue?[key]
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(nilLiteral: ()) { self = .none }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .dictionary(TemplateDictionary(elements.map { (key: $0.0, value: $0.1) }))
    }
}
