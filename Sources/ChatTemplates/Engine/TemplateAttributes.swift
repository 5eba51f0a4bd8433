/// jinja2's sandboxed attribute and item lookup: `obj.name` tries the Python attribute, then the
/// item; `obj[key]` tries the item, then (for string keys) the attribute. Anything missing is an
/// undefined value that remembers where it came from; methods that mutate are refused.
enum TemplateAttributes {
    static let stringMethods: Set<String> = [
        "capitalize", "casefold", "center", "count", "encode", "endswith", "expandtabs", "find", "format", "format_map",
        "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric",
        "isprintable", "isspace", "istitle", "isupper", "join", "ljust", "lower", "lstrip", "maketrans", "partition",
        "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip", "split",
        "splitlines", "startswith", "strip", "swapcase", "title", "translate", "upper", "zfill",
    ]
    static let listMethods: Set<String> = ["copy", "count", "index"]
    static let listMutators: Set<String> = ["append", "clear", "extend", "insert", "pop", "remove", "reverse", "sort"]
    static let dictMethods: Set<String> = ["copy", "fromkeys", "get", "items", "keys", "values"]
    static let dictMutators: Set<String> = ["clear", "pop", "popitem", "setdefault", "update"]
    static let numberAttributes: Set<String> = [
        "real", "imag", "numerator", "denominator", "conjugate", "bit_length", "bit_count", "as_integer_ratio",
        "to_bytes", "from_bytes", "is_integer", "hex", "fromhex",
    ]

    /// Whether `name` names a method Python finds on a string, list or dictionary that the
    /// sandbox allows (the value's own keys do not hide methods).
    static func isMethod(_ name: String, of value: Value) -> Bool {
        switch value {
        case .string: return stringMethods.contains(name)
        case .list: return listMethods.contains(name)
        case .dict: return dictMethods.contains(name)
        default: return false
        }
    }

    /// Whether `name` is a `dict` method (a switch: cheaper than hashing on every lookup).
    private static func isDictAttribute(_ name: String) -> Bool {
        switch name {
        case "copy", "fromkeys", "get", "items", "keys", "values", "clear", "pop", "popitem", "setdefault", "update": return true
        default: return false
        }
    }

    private static func unsafe(_ owner: Value, _ name: String) -> Value {
        .undefined(Undefined(reason: .hint(
            "access to attribute '\(name)' of '\(owner.typeName)' object is unsafe.", exception: "SecurityError")))
    }

    private static func missing(_ owner: Value, _ name: String) -> Value {
        .undefined(Undefined(reason: .attribute(owner: owner.objectTypeDescription, name: name)))
    }

    /// The Python attribute `name` of `value`, when it has one.
    private static func pythonAttribute(_ value: Value, _ name: String) throws -> Value? {
        if name.hasPrefix("_") { return unsafe(value, name) }
        switch value {
        case let .dict(dictionary):
            // Most lookups are keys that are no method name: look for the key first.
            if let found = dictionary[name], !isDictAttribute(name) { return found }
            if dictMutators.contains(name) { return unsafe(value, name) }
            return dictMethods.contains(name) ? .callable(.method(BoundMethod(receiver: value, name: name))) : nil
        case .string:
            return stringMethods.contains(name) ? .callable(.method(BoundMethod(receiver: value, name: name))) : nil
        case .list:
            if listMutators.contains(name) { return unsafe(value, name) }
            return listMethods.contains(name) ? .callable(.method(BoundMethod(receiver: value, name: name))) : nil
        case .tuple:
            return name == "count" || name == "index" ? .callable(.method(BoundMethod(receiver: value, name: name))) : nil
        case .int, .float, .bool:
            if numberAttributes.contains(name) { throw RenderFailure.unsupported("attribute '\(name)' of a number") }
            return nil
        case let .namespace(namespace):
            return namespace.attributes[name]
        case let .loop(loop):
            return loopAttribute(loop, name)
        case .callable(.global("dict")) where name == "fromkeys":
            return .callable(.global("dict.fromkeys"))
        default:
            return nil
        }
    }

    static func attribute(of value: Value, _ name: String) throws -> Value {
        if case let .undefined(undefined) = value { throw TemplateOperators.failUndefined(undefined) }
        if let found = try pythonAttribute(value, name) { return found }
        if let found = try subscriptValue(value, .string(name)) { return found }
        return missing(value, name)
    }

    static func item(of value: Value, _ key: Value) throws -> Value {
        if case let .undefined(undefined) = value { throw TemplateOperators.failUndefined(undefined) }
        if let found = try subscriptValue(value, key) { return found }
        if case let .string(name) = key, let found = try pythonAttribute(value, name) { return found }
        if case let .string(name) = key { return missing(value, name) }
        return .undefined(Undefined(reason: .element(owner: value.objectTypeDescription, key: try key.represented())))
    }

    /// `value[key]` when Python finds it (nil on a missing key, a bad index or an unsubscriptable value).
    private static func subscriptValue(_ value: Value, _ key: Value) throws -> Value? {
        switch value {
        case let .dict(dictionary):
            return dictionary.value(for: key)
        case let .list(items), let .tuple(items):
            guard let index = integerIndex(key), let position = normalized(index, items.count) else { return nil }
            return items[position]
        case let .string(text):
            guard let index = integerIndex(key) else { return nil }
            let scalars = PythonStrings.scalars(text)
            guard let position = normalized(index, scalars.count) else { return nil }
            return .string(String(scalars[position]))
        case let .range(start, stop, step):
            guard let index = integerIndex(key) else { return nil }
            let count = TemplateOperators.rangeCount(start, stop, step)
            guard let position = normalized(index, count) else { return nil }
            return .int(start + position * step)
        default:
            return nil
        }
    }

    private static func integerIndex(_ key: Value) -> Int? {
        switch key {
        case let .int(number): return number
        case let .bool(flag): return flag ? 1 : 0
        default: return nil
        }
    }

    private static func normalized(_ index: Int, _ count: Int) -> Int? {
        let position = index < 0 ? index + count : index
        return position >= 0 && position < count ? position : nil
    }

    /// `value[start:stop:step]` with Python's slice rules.
    static func slice(_ value: Value, _ start: Value?, _ stop: Value?, _ step: Value?) throws -> Value {
        if case let .undefined(undefined) = value { throw TemplateOperators.failUndefined(undefined) }
        func bound(_ value: Value?) throws -> Int? {
            guard let value, !value.isNone else { return nil }
            guard let index = integerIndex(value) else {
                throw RenderFailure.type("slice indices must be integers or None or have an __index__ method")
            }
            return index
        }
        let stride = try bound(step) ?? 1
        if stride == 0 { throw RenderFailure.value("slice step cannot be zero") }
        func positions(_ count: Int) throws -> [Int] {
            func clamp(_ index: Int?, _ fallback: Int) -> Int {
                guard var index else { return fallback }
                if index < 0 { index += count }
                if stride > 0 { return min(max(index, 0), count) }
                return min(max(index, -1), count - 1)
            }
            let first = clamp(try bound(start), stride > 0 ? 0 : count - 1)
            let last = clamp(try bound(stop), stride > 0 ? count : -1)
            var result: [Int] = []
            var index = first
            while stride > 0 ? index < last : index > last {
                result.append(index)
                index += stride
            }
            return result
        }
        switch value {
        case let .list(items): return .list(try positions(items.count).map { items[$0] })
        case let .tuple(items): return .tuple(try positions(items.count).map { items[$0] })
        case let .string(text):
            let scalars = PythonStrings.scalars(text)
            return .string(PythonStrings.string(try positions(scalars.count).map { scalars[$0] }))
        case let .range(begin, end, step):
            let elements = TemplateOperators.rangeElements(begin, end, step)
            return .list(try positions(elements.count).map { elements[$0] })
        default:
            return .undefined(Undefined(reason: .element(owner: value.objectTypeDescription, key: "slice")))
        }
    }

    private static func loopAttribute(_ loop: LoopContext, _ name: String) -> Value? {
        let length = loop.items.count
        let index0 = loop.index0
        switch name {
        case "index": return .int(index0 + 1)
        case "index0": return .int(index0)
        case "revindex": return .int(length - index0)
        case "revindex0": return .int(length - index0 - 1)
        case "first": return .bool(index0 == 0)
        case "last": return .bool(index0 == length - 1)
        case "length": return .int(length)
        case "depth": return .int(loop.depth0 + 1)
        case "depth0": return .int(loop.depth0)
        case "previtem":
            return index0 > 0
                ? loop.items[index0 - 1]
                : .undefined(Undefined(reason: .hint("there is no previous item", exception: "UndefinedError")))
        case "nextitem":
            return index0 + 1 < length
                ? loop.items[index0 + 1]
                : .undefined(Undefined(reason: .hint("there is no next item", exception: "UndefinedError")))
        case "cycle", "changed": return .callable(.loopMethod(loop, name))
        default: return nil
        }
    }

    static func callLoopMethod(_ loop: LoopContext, _ name: String, _ arguments: CallArguments) throws -> Value {
        if name == "cycle" {
            guard !arguments.positional.isEmpty else { throw RenderFailure.type("no items for cycling given") }
            return arguments.positional[loop.index0 % arguments.positional.count]
        }
        let values = arguments.positional
        if let last = loop.lastChanged, last.count == values.count, zip(last, values).allSatisfy({ TemplateOperators.equal($0, $1) }) {
            return .bool(false)
        }
        loop.lastChanged = values
        return .bool(true)
    }
}
