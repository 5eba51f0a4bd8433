/// The Python methods of strings, lists and dictionaries that templates call.
enum TemplateMethods {
    static func call(_ method: BoundMethod, _ arguments: CallArguments, interpreter: TemplateInterpreter) throws -> Value {
        try call(receiver: method.receiver, method.name, arguments, interpreter: interpreter)
    }

    static func call(receiver: Value, _ name: String, _ arguments: CallArguments, interpreter: TemplateInterpreter) throws -> Value {
        switch receiver {
        case let .string(text): return try stringMethod(text, name, arguments, interpreter.limits)
        case let .list(items), let .tuple(items): return try sequenceMethod(receiver, items, name, arguments)
        case let .dict(dictionary): return try dictMethod(dictionary, name, arguments)
        default: throw RenderFailure.unsupported("method '\(receiver.typeName).\(name)'")
        }
    }

    private static func string(_ value: Value, _ function: String) throws -> String {
        guard case let .string(text) = value else {
            if case let .undefined(undefined) = value { throw TemplateOperators.failUndefined(undefined) }
            throw RenderFailure.type("\(function) arg must be None or str")
        }
        return text
    }

    private static func optionalString(_ value: Value, _ function: String) throws -> String? {
        value.isNone ? nil : try string(value, function)
    }

    private static func integer(_ value: Value, _ function: String) throws -> Int {
        switch value {
        case let .int(number): return number
        case let .bool(flag): return flag ? 1 : 0
        default: throw RenderFailure.type("'\(value.typeName)' object cannot be interpreted as an integer")
        }
    }

    /// `startswith`/`endswith` take a string or a tuple of strings.
    private static func affixes(_ value: Value, _ function: String) throws -> [String] {
        if case let .tuple(items) = value { return try items.map { try string($0, function) } }
        guard case let .string(text) = value else {
            throw RenderFailure.type("\(function) first arg must be str or a tuple of str, not \(value.typeName)")
        }
        return [text]
    }

    private static func stringMethod(_ text: String, _ name: String, _ arguments: CallArguments, _ limits: RenderLimits) throws -> Value {
        switch name {
        case "split", "rsplit":
            let bound = try arguments.bind(name, [("sep", Value.none), ("maxsplit", .int(-1))])
            let separator = try optionalString(bound[0], name)
            let limit = try integer(bound[1], name)
            let parts = name == "split"
                ? try PythonStrings.split(text, separator: separator, limit: limit)
                : try PythonStrings.rsplit(text, separator: separator, limit: limit)
            return .list(parts.map { .string($0) })
        case "strip", "lstrip", "rstrip":
            let bound = try arguments.bind(name, [("chars", Value.none)])
            let characters = try optionalString(bound[0], name)
            return .string(PythonStrings.strip(text, characters: characters, leading: name != "rstrip", trailing: name != "lstrip"))
        case "startswith", "endswith":
            let bound = try arguments.bind(name, [("prefix", nil), ("start", Value.none), ("end", Value.none)])
            guard bound[1].isNone, bound[2].isNone else { throw RenderFailure.unsupported("'\(name)' with start or end") }
            let candidates = try affixes(bound[0], name)
            let found = candidates.contains {
                name == "startswith" ? PythonStrings.hasPrefix(text, $0) : PythonStrings.hasSuffix(text, $0)
            }
            return .bool(found)
        case "replace":
            let bound = try arguments.bind(name, [("old", nil), ("new", nil), ("count", .int(-1))])
            let result = PythonStrings.replace(
                text, try string(bound[0], name), try string(bound[1], name), count: try integer(bound[2], name))
            try limits.checkString(result.utf8.count)
            return .string(result)
        case "upper": _ = try arguments.bind(name, []); return .string(PythonStrings.uppercased(text))
        case "lower": _ = try arguments.bind(name, []); return .string(PythonStrings.lowercased(text))
        case "title": _ = try arguments.bind(name, []); return .string(PythonStrings.title(text))
        case "capitalize": _ = try arguments.bind(name, []); return .string(PythonStrings.capitalize(text))
        case "find", "rfind", "index", "rindex", "count":
            let bound = try arguments.bind(name, [("sub", nil), ("start", Value.none), ("end", Value.none)])
            guard bound[1].isNone, bound[2].isNone else { throw RenderFailure.unsupported("'\(name)' with start or end") }
            let needle = PythonStrings.scalars(try string(bound[0], name))
            let haystack = PythonStrings.scalars(text)
            if name == "count" { return .int(PythonStrings.count(needle, in: haystack)) }
            let found = name.hasPrefix("r")
                ? (needle.isEmpty ? haystack.count : PythonStrings.findLast(needle, in: haystack))
                : PythonStrings.find(needle, in: haystack)
            if let found { return .int(found) }
            if name.hasSuffix("index") { throw RenderFailure.value("substring not found") }
            return .int(-1)
        case "join":
            let bound = try arguments.bind(name, [("iterable", nil)])
            guard let items = bound[0].sequenceElements ?? (bound[0].isUndefined ? [] : nil) else {
                throw RenderFailure.unsupported("str.join of a \(bound[0].typeName)")
            }
            let parts = try items.map { item -> String in
                guard case let .string(part) = item else {
                    throw RenderFailure.type("sequence item 0: expected str instance, \(item.typeName) found")
                }
                return part
            }
            let result = parts.joined(separator: text)
            try limits.checkString(result.utf8.count)
            return .string(result)
        case "partition", "rpartition":
            let bound = try arguments.bind(name, [("sep", nil)])
            let separator = PythonStrings.scalars(try string(bound[0], name))
            if separator.isEmpty { throw RenderFailure.value("empty separator") }
            let haystack = PythonStrings.scalars(text)
            let found = name == "partition" ? PythonStrings.find(separator, in: haystack) : PythonStrings.findLast(separator, in: haystack)
            guard let found else {
                return name == "partition"
                    ? .tuple([.string(text), .string(""), .string("")]) : .tuple([.string(""), .string(""), .string(text)])
            }
            return .tuple([
                .string(PythonStrings.string(haystack[..<found])), .string(PythonStrings.string(separator)),
                .string(PythonStrings.string(haystack[(found + separator.count)...])),
            ])
        case "removeprefix", "removesuffix":
            let bound = try arguments.bind(name, [("affix", nil)])
            let affix = try string(bound[0], name)
            let scalars = PythonStrings.scalars(text)
            let count = affix.unicodeScalars.count
            if name == "removeprefix" {
                return .string(PythonStrings.hasPrefix(text, affix) ? PythonStrings.string(scalars[count...]) : text)
            }
            return .string(PythonStrings.hasSuffix(text, affix) && count > 0 ? PythonStrings.string(scalars[..<(scalars.count - count)]) : text)
        case "splitlines":
            let bound = try arguments.bind(name, [("keepends", .bool(false))])
            return .list(splitLines(text, keepEnds: TemplateOperators.truthy(bound[0])).map { .string($0) })
        case "isdigit", "isspace", "isalpha", "isalnum", "islower", "isupper":
            _ = try arguments.bind(name, [])
            return .bool(characterTest(text, name))
        case "format":
            return .string(try format(text, arguments))
        default:
            throw RenderFailure.unsupported("method 'str.\(name)'")
        }
    }

    static func splitLines(_ text: String, keepEnds: Bool) -> [String] {
        let breaks: Set<UInt32> = [0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029]
        let scalars = PythonStrings.scalars(text)
        var lines: [String] = []
        var start = 0
        var index = 0
        while index < scalars.count {
            if breaks.contains(scalars[index].value) {
                var end = index + 1
                if scalars[index] == "\r", end < scalars.count, scalars[end] == "\n" { end += 1 }
                lines.append(PythonStrings.string(scalars[start..<(keepEnds ? end : index)]))
                start = end
                index = end
            } else {
                index += 1
            }
        }
        if start < scalars.count { lines.append(PythonStrings.string(scalars[start...])) }
        return lines
    }

    static func characterTest(_ text: String, _ name: String) -> Bool {
        let scalars = PythonStrings.scalars(text)
        switch name {
        case "isspace": return !scalars.isEmpty && scalars.allSatisfy(PythonCharacters.isSpace)
        case "isdigit": return !scalars.isEmpty && scalars.allSatisfy { $0.properties.numericType == .decimal || $0.properties.numericType == .digit }
        case "isalpha": return !scalars.isEmpty && scalars.allSatisfy { $0.properties.isAlphabetic && $0.properties.generalCategory != .nonspacingMark }
        case "isalnum":
            return !scalars.isEmpty && scalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        case "islower", "isupper":
            let cased = scalars.filter(PythonStrings.isCased)
            guard !cased.isEmpty else { return false }
            return name == "islower"
                ? cased.allSatisfy { !$0.properties.isUppercase && $0.properties.generalCategory != .titlecaseLetter }
                : cased.allSatisfy { !$0.properties.isLowercase && $0.properties.generalCategory != .titlecaseLetter }
        default: return false
        }
    }

    /// `str.format` with `{}`, `{0}` and `{name}` fields and no format specs or conversions.
    private static func format(_ text: String, _ arguments: CallArguments) throws -> String {
        var out = ""
        var automatic = 0
        var scalars = PythonStrings.scalars(text)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "{" {
                if scalars.first == "{" {
                    scalars.removeFirst()
                    out += "{"
                    continue
                }
                var field = ""
                while let next = scalars.popFirst(), next != "}" { field.unicodeScalars.append(next) }
                if field.contains(":") || field.contains("!") || field.contains(".") || field.contains("[") {
                    throw RenderFailure.unsupported("str.format field '{\(field)}'")
                }
                let value: Value
                if field.isEmpty {
                    guard automatic < arguments.positional.count else {
                        throw RenderFailure.python("IndexError", "Replacement index \(automatic) out of range for positional args tuple")
                    }
                    value = arguments.positional[automatic]
                    automatic += 1
                } else if let index = Int(field) {
                    guard index < arguments.positional.count else {
                        throw RenderFailure.python("IndexError", "Replacement index \(index) out of range for positional args tuple")
                    }
                    value = arguments.positional[index]
                } else {
                    guard let named = arguments.keyword(field) else { throw RenderFailure.python("KeyError", "'\(field)'") }
                    value = named
                }
                out += try value.printed()
            } else if scalar == "}" {
                if scalars.first == "}" { scalars.removeFirst() }
                out += "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func sequenceMethod(_ receiver: Value, _ items: [Value], _ name: String, _ arguments: CallArguments) throws -> Value {
        switch name {
        case "count":
            let bound = try arguments.bind(name, [("value", nil)])
            return .int(items.filter { TemplateOperators.equal($0, bound[0]) }.count)
        case "index":
            let bound = try arguments.bind(name, [("value", nil)])
            guard let index = items.firstIndex(where: { TemplateOperators.equal($0, bound[0]) }) else {
                throw RenderFailure.value("\(try bound[0].represented()) is not in list")
            }
            return .int(index)
        case "copy":
            _ = try arguments.bind(name, [])
            return receiver
        default:
            throw RenderFailure.unsupported("method '\(receiver.typeName).\(name)'")
        }
    }

    private static func dictMethod(_ dictionary: ValueDictionary, _ name: String, _ arguments: CallArguments) throws -> Value {
        switch name {
        case "get":
            let bound = try arguments.bind(name, [("key", nil), ("default", Value.none)])
            guard HashKey(bound[0]) != nil else { throw RenderFailure.type("unhashable type: '\(bound[0].typeName)'") }
            return dictionary.value(for: bound[0]) ?? bound[1]
        case "items":
            _ = try arguments.bind(name, [])
            return .view(.items, dictionary.entries.map { .tuple([$0.0, $0.1]) })
        case "keys":
            _ = try arguments.bind(name, [])
            return .view(.keys, dictionary.keys)
        case "values":
            _ = try arguments.bind(name, [])
            return .view(.values, dictionary.values)
        case "copy":
            _ = try arguments.bind(name, [])
            return .dict(dictionary)
        default:
            throw RenderFailure.unsupported("method 'dict.\(name)'")
        }
    }
}
