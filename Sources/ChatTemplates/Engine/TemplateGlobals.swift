/// The global functions of transformers' chat-template environment: jinja2's `range`, `dict`,
/// `namespace`, `joiner` (`cycler` and `lipsum` are reported unsupported), and transformers'
/// `raise_exception` and `strftime_now`.
enum TemplateGlobals {
    static let names: Set<String> = ["range", "dict", "namespace", "joiner", "cycler", "lipsum", "raise_exception", "strftime_now"]

    /// jinja2's sandbox refuses ranges longer than this.
    static let maximumRange = 100_000

    /// transformers' namespace refuses attribute names that start with an underscore.
    static func checkNamespaceName(_ name: String) throws {
        if name.hasPrefix("_") {
            throw RenderFailure.python(
                "SecurityError",
                "Chat templates cannot store underscore-prefixed attributes on a namespace, but got \(PythonFormatting.quoted(name)). Please rename the attribute.")
        }
    }

    static func call(_ name: String, _ arguments: CallArguments, interpreter: TemplateInterpreter) throws -> Value {
        switch name {
        case "range":
            if !arguments.keywords.isEmpty { throw RenderFailure.type("range() takes no keyword arguments") }
            let numbers = try arguments.positional.map { value -> Int in
                switch value {
                case let .int(number): return number
                case let .bool(flag): return flag ? 1 : 0
                default: throw RenderFailure.type("'\(value.typeName)' object cannot be interpreted as an integer")
                }
            }
            let (start, stop, step): (Int, Int, Int)
            switch numbers.count {
            case 1: (start, stop, step) = (0, numbers[0], 1)
            case 2: (start, stop, step) = (numbers[0], numbers[1], 1)
            case 3: (start, stop, step) = (numbers[0], numbers[1], numbers[2])
            default: throw RenderFailure.type("range expected at most 3 arguments, got \(numbers.count)")
            }
            if step == 0 { throw RenderFailure.value("range() arg 3 must not be zero") }
            if TemplateOperators.rangeCount(start, stop, step) > maximumRange {
                throw RenderFailure.python(
                    "OverflowError", "Range too big. The sandbox blocks ranges larger than MAX_RANGE (\(maximumRange)).")
            }
            return .range(start: start, stop: stop, step: step)
        case "dict", "namespace":
            var dictionary = ValueDictionary()
            if arguments.positional.count > 1 {
                throw RenderFailure.type("\(name) expected at most 1 argument, got \(arguments.positional.count)")
            }
            if let source = arguments.positional.first {
                if case let .dict(given) = source {
                    dictionary = given
                } else {
                    for (index, pair) in try interpreter.iterate(source).enumerated() {
                        guard let items = try? interpreter.iterate(pair) else {
                            throw RenderFailure.type("cannot convert dictionary update sequence element #\(index) to a sequence")
                        }
                        guard items.count == 2 else {
                            throw RenderFailure.value(
                                "dictionary update sequence element #\(index) has length \(items.count); 2 is required")
                        }
                        try dictionary.set(items[0], items[1])
                    }
                }
            }
            for (key, value) in arguments.keywords { dictionary.set(key, value) }
            if name == "dict" { return .dict(dictionary) }
            for key in dictionary.keys {
                if case let .string(text) = key { try checkNamespaceName(text) }
            }
            return .namespace(Namespace(dictionary))
        case "dict.fromkeys":
            let bound = try arguments.bind("fromkeys", [("iterable", nil), ("value", Value.none)])
            var dictionary = ValueDictionary()
            for key in try interpreter.iterate(bound[0]) { try dictionary.set(key, bound[1]) }
            return .dict(dictionary)
        case "joiner":
            let bound = try arguments.bind("joiner", [("sep", .string(", "))])
            return .callable(.joiner(Joiner(separator: try bound[0].printed())))
        case "raise_exception":
            let bound = try arguments.bind("raise_exception", [("message", nil)])
            throw RenderFailure.python("TemplateError", try bound[0].printed())
        case "strftime_now":
            let bound = try arguments.bind("strftime_now", [("format", nil)])
            guard case let .string(format) = bound[0] else {
                throw RenderFailure.type("strftime() argument 1 must be str, not \(bound[0].typeName)")
            }
            return .string(interpreter.clock.format(format))
        default:
            throw RenderFailure.unsupported("global '\(name)'")
        }
    }
}
