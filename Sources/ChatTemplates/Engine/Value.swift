/// A value while a template runs: Python's data types as jinja2 sees them, plus jinja2's own
/// objects (undefined values, namespaces, loop contexts, macros and other callables).
enum Value {
    case undefined(Undefined)
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list([Value])
    case tuple([Value])
    case dict(ValueDictionary)
    /// `dict.keys()`, `dict.values()` or `dict.items()`.
    case view(DictViewKind, [Value])
    case range(start: Int, stop: Int, step: Int)
    /// A one-pass iterator (what `map`, `select`, `reverse`, … return).
    case iterator(TemplateIterator)
    case namespace(Namespace)
    case loop(LoopContext)
    case callable(Callable)

    /// The kinds of dictionary views.
    enum DictViewKind: String {
        case keys = "dict_keys", values = "dict_values", items = "dict_items"
    }

    /// Python's type name, as error messages spell it.
    var typeName: String {
        switch self {
        case .undefined: return "Undefined"
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict: return "dict"
        case let .view(kind, _): return kind.rawValue
        case .range: return "range"
        case let .iterator(iterator): return iterator.typeName
        case .namespace: return "TemplateNamespace"
        case .loop: return "LoopContext"
        case let .callable(callable): return callable.typeName
        }
    }

    /// jinja2's `object_type_repr`: how an undefined value names the object it came from.
    var objectTypeDescription: String {
        switch self {
        case .none: return "None"
        case .namespace: return "transformers.utils.chat_template_utils.TemplateNamespace object"
        case .loop: return "jinja2.runtime.LoopContext object"
        case .undefined: return "jinja2.runtime.Undefined object"
        default: return "\(typeName) object"
        }
    }

    var isUndefined: Bool {
        if case .undefined = self { return true }
        return false
    }

    var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    /// The elements when the value is a list, tuple or view (the sequences templates index).
    var sequenceElements: [Value]? {
        switch self {
        case let .list(elements), let .tuple(elements), let .view(_, elements): return elements
        default: return nil
        }
    }
}

/// What jinja2's `Undefined` remembers: why it is undefined, and which error using it raises.
struct Undefined {
    enum Reason {
        /// A variable that is not set.
        case variable(String)
        /// A missing attribute (`'dict object' has no attribute 'x'`).
        case attribute(owner: String, name: String)
        /// A missing element (`list object has no element 5`).
        case element(owner: String, key: String)
        /// A fixed message (`access to attribute 'append' of 'list' object is unsafe.`).
        case hint(String, exception: String)
    }
    let reason: Reason

    /// The message of the error raised when the value is used.
    var message: String {
        switch reason {
        case let .variable(name): return "'\(name)' is undefined"
        case let .attribute(owner, name): return "'\(owner)' has no attribute '\(name)'"
        case let .element(owner, key): return "\(owner) has no element \(key)"
        case let .hint(text, _): return text
        }
    }

    /// The Python exception raised when the value is used.
    var exception: String {
        if case let .hint(_, exception) = reason { return exception }
        return "UndefinedError"
    }
}

/// A Python generator or iterator: iterating it uses it up.
final class TemplateIterator {
    let typeName: String
    let items: [Value]
    var position = 0
    init(_ typeName: String, _ items: [Value]) {
        self.typeName = typeName
        self.items = items
    }

    /// The items not taken yet; takes them.
    func drain() -> [Value] {
        defer { position = items.count }
        return Array(items[position...])
    }

    /// The next item, taken.
    func next() -> Value? {
        guard position < items.count else { return nil }
        defer { position += 1 }
        return items[position]
    }
}

/// `namespace(...)`: the one mutable object templates have.
final class Namespace {
    var attributes: ValueDictionary
    init(_ attributes: ValueDictionary) { self.attributes = attributes }
}

/// jinja2's `loop` variable.
final class LoopContext {
    let items: [Value]
    var index0 = 0
    let depth0: Int
    var lastChanged: [Value]?
    init(items: [Value], depth0: Int) {
        self.items = items
        self.depth0 = depth0
    }
}

/// The things a template can call.
enum Callable {
    /// A global function (`range`, `namespace`, `dict`, `raise_exception`, `strftime_now`, …).
    case global(String)
    /// A method of a value (`'a b'.split`), bound to it.
    case method(BoundMethod)
    /// A macro defined by the template, or the `caller` of a call block.
    case macro(Macro)
    /// `loop.cycle` or `loop.changed`.
    case loopMethod(LoopContext, String)
    /// The object `joiner(...)` returns.
    case joiner(Joiner)

    var typeName: String {
        switch self {
        case .global: return "builtin_function_or_method"
        case .method: return "builtin_function_or_method"
        case .macro: return "Macro"
        case .loopMethod: return "method"
        case .joiner: return "Joiner"
        }
    }
}

/// A method bound to its receiver.
final class BoundMethod {
    let receiver: Value
    let name: String
    init(receiver: Value, name: String) {
        self.receiver = receiver
        self.name = name
    }
}

/// The state of a `joiner()`.
final class Joiner {
    let separator: String
    var used = false
    init(separator: String) { self.separator = separator }
}
