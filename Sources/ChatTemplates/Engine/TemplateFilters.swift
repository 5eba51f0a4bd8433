extension TemplateInterpreter {
    /// `value | name(arguments)`, as jinja2's built-in filters (and transformers' `tojson`) do it.
    func applyFilter(_ name: String, to value: Value, arguments: CallArguments) throws -> Value {
        switch name {
        case "length", "count":
            _ = try arguments.bind(name, [])
            return .int(try length(of: value))
        case "default", "d":
            let bound = try arguments.bind(name, [("default_value", .string("")), ("boolean", .bool(false))])
            if value.isUndefined || (TemplateOperators.truthy(bound[1]) && !TemplateOperators.truthy(value)) { return bound[0] }
            return value
        case "tojson":
            return try toJSON(value, arguments)
        case "join":
            let bound = try arguments.bind(name, [("d", .string("")), ("attribute", Value.none)])
            var items = try iterate(value)
            if !bound[1].isNone { items = try items.map { try attributePath($0, bound[1]) } }
            let text = try items.map { try $0.printed() }.joined(separator: try bound[0].printed())
            try limits.checkString(text.utf8.count)
            return .string(text)
        case "string":
            _ = try arguments.bind(name, [])
            return .string(try value.printed())
        case "trim":
            let bound = try arguments.bind(name, [("chars", Value.none)])
            let characters = bound[0].isNone ? nil : try bound[0].printed()
            return .string(PythonStrings.strip(try value.printed(), characters: characters, leading: true, trailing: true))
        case "upper": _ = try arguments.bind(name, []); return .string(PythonStrings.uppercased(try value.printed()))
        case "lower": _ = try arguments.bind(name, []); return .string(PythonStrings.lowercased(try value.printed()))
        case "title": _ = try arguments.bind(name, []); return .string(PythonStrings.title(try value.printed()))
        case "capitalize": _ = try arguments.bind(name, []); return .string(PythonStrings.capitalize(try value.printed()))
        case "replace":
            let bound = try arguments.bind(name, [("old", nil), ("new", nil), ("count", Value.none)])
            let count = bound[2].isNone ? -1 : try integer(bound[2])
            let text = PythonStrings.replace(try value.printed(), try bound[0].printed(), try bound[1].printed(), count: count)
            try limits.checkString(text.utf8.count)
            return .string(text)
        case "list":
            _ = try arguments.bind(name, [])
            let items = try iterate(value)
            return .list(items)
        case "first":
            _ = try arguments.bind(name, [])
            if case let .iterator(iterator) = value {
                return iterator.next() ?? emptyUndefined("No first item, sequence was empty.")
            }
            return try iterate(value).first ?? emptyUndefined("No first item, sequence was empty.")
        case "last":
            _ = try arguments.bind(name, [])
            if case .iterator = value { throw RenderFailure.type("'\(value.typeName)' object is not reversible") }
            return try iterate(value).last ?? emptyUndefined("No last item, sequence was empty.")
        case "items":
            _ = try arguments.bind(name, [])
            if value.isUndefined { return .iterator(TemplateIterator("generator", [])) }
            guard case let .dict(dictionary) = value else {
                throw RenderFailure.type("Can only get item pairs from a mapping.")
            }
            return .iterator(TemplateIterator("generator", dictionary.entries.map { .tuple([$0.0, $0.1]) }))
        case "map":
            return .iterator(TemplateIterator("generator", try mapItems(value, arguments)))
        case "select", "reject":
            return .iterator(TemplateIterator("generator", try selectItems(value, arguments, attribute: false, keep: name == "select")))
        case "selectattr", "rejectattr":
            return .iterator(TemplateIterator("generator", try selectItems(value, arguments, attribute: true, keep: name == "selectattr")))
        case "unique":
            let bound = try arguments.bind(name, [("case_sensitive", .bool(false)), ("attribute", Value.none)])
            var seen: [Value] = []
            var kept: [Value] = []
            for item in try iterate(value) {
                let key = try sortKey(item, attribute: bound[1], caseSensitive: TemplateOperators.truthy(bound[0]))
                if !seen.contains(where: { TemplateOperators.equal($0, key) }) {
                    seen.append(key)
                    kept.append(item)
                }
            }
            return .iterator(TemplateIterator("generator", kept))
        case "reverse":
            _ = try arguments.bind(name, [])
            if case let .string(text) = value { return .string(PythonStrings.string(text.unicodeScalars.reversed())) }
            if case .dict = value { return .iterator(TemplateIterator("dict_reversekeyiterator", try iterate(value).reversed())) }
            guard let items = value.sequenceElements else {
                if case let .range(start, stop, step) = value {
                    return .iterator(TemplateIterator("range_iterator", TemplateOperators.rangeElements(start, stop, step).reversed()))
                }
                throw RenderFailure.type("argument to reversed() must be a sequence")
            }
            let kind = value.typeName == "list" ? "list_reverseiterator" : "reversed"
            return .iterator(TemplateIterator(kind, items.reversed()))
        case "sort":
            let bound = try arguments.bind(name, [("reverse", .bool(false)), ("case_sensitive", .bool(false)), ("attribute", Value.none)])
            let caseSensitive = TemplateOperators.truthy(bound[1])
            let keyed = try iterate(value).map { ($0, try sortKey($0, attribute: bound[2], caseSensitive: caseSensitive)) }
            var sorted = try MergeSort.sorted(keyed) { try TemplateOperators.less($0.1, $1.1) }
            if TemplateOperators.truthy(bound[0]) {
                sorted = try MergeSort.sorted(keyed) { try TemplateOperators.less($1.1, $0.1) }
            }
            return .list(sorted.map(\.0))
        case "dictsort":
            let bound = try arguments.bind(name, [("case_sensitive", .bool(false)), ("by", .string("key")), ("reverse", .bool(false))])
            guard case let .dict(dictionary) = value else { throw RenderFailure.type("dictsort needs a mapping") }
            let byValue = try bound[1].printed() == "value"
            let caseSensitive = TemplateOperators.truthy(bound[0])
            let pairs = try dictionary.entries.map { key, item in
                (Value.tuple([key, item]), try sortKey(byValue ? item : key, attribute: .none, caseSensitive: caseSensitive))
            }
            let reverse = TemplateOperators.truthy(bound[2])
            let sorted = try MergeSort.sorted(pairs) { reverse ? try TemplateOperators.less($1.1, $0.1) : try TemplateOperators.less($0.1, $1.1) }
            return .list(sorted.map(\.0))
        case "int":
            let bound = try arguments.bind(name, [("default", .int(0)), ("base", .int(10))])
            return try toInteger(value, fallback: bound[0], base: try integer(bound[1]))
        case "float":
            let bound = try arguments.bind(name, [("default", .float(0))])
            return toFloat(value) ?? bound[0]
        case "abs":
            _ = try arguments.bind(name, [])
            switch value {
            case let .int(number) where number != Int.min: return .int(abs(number))
            case let .bool(flag): return .int(flag ? 1 : 0)
            case let .float(number): return .float(abs(number))
            default: throw RenderFailure.type("bad operand type for abs(): '\(value.typeName)'")
            }
        case "round":
            let bound = try arguments.bind(name, [("precision", .int(0)), ("method", .string("common"))])
            return try round(value, precision: try integer(bound[0]), method: try bound[1].printed())
        case "sum":
            let bound = try arguments.bind(name, [("attribute", Value.none), ("start", .int(0))])
            var total = bound[1]
            for item in try iterate(value) {
                let addend = bound[0].isNone ? item : try attributePath(item, bound[0])
                total = try TemplateOperators.binary(.add, total, addend, limits: limits)
            }
            return total
        case "min", "max":
            let bound = try arguments.bind(name, [("case_sensitive", .bool(false)), ("attribute", Value.none)])
            let caseSensitive = TemplateOperators.truthy(bound[0])
            var best: (Value, Value)?
            for item in try iterate(value) {
                let key = try sortKey(item, attribute: bound[1], caseSensitive: caseSensitive)
                if let current = best {
                    let better = name == "min" ? try TemplateOperators.less(key, current.1) : try TemplateOperators.less(current.1, key)
                    if better { best = (item, key) }
                } else {
                    best = (item, key)
                }
            }
            return best?.0 ?? emptyUndefined("No aggregated item, sequence was empty.")
        case "indent":
            let bound = try arguments.bind(name, [("width", .int(4)), ("first", .bool(false)), ("blank", .bool(false))])
            return .string(try indent(try value.printed(), bound))
        case "center":
            let bound = try arguments.bind(name, [("width", .int(80))])
            let text = try value.printed()
            let width = try integer(bound[0])
            let count = text.unicodeScalars.count
            guard width > count else { return .string(text) }
            let margin = width - count
            let left = margin / 2 + (margin & width & 1)
            return .string(String(repeating: " ", count: left) + text + String(repeating: " ", count: margin - left))
        case "wordcount":
            _ = try arguments.bind(name, [])
            return .int(try countWords(try value.printed()))
        case "format":
            let format = try value.printed()
            if !arguments.keywords.isEmpty { throw RenderFailure.unsupported("filter 'format' with keyword arguments") }
            let argument: Value = arguments.positional.count == 1 ? arguments.positional[0] : .tuple(arguments.positional)
            return .string(try PrintfFormatting.format(format, argument))
        case "attr":
            let bound = try arguments.bind(name, [("name", nil)])
            return try TemplateAttributes.attribute(of: value, try bound[0].printed())
        default:
            throw RenderFailure.unsupported("filter '\(name)'")
        }
    }

    private func emptyUndefined(_ message: String) -> Value {
        .undefined(Undefined(reason: .hint(message, exception: "UndefinedError")))
    }

    private func integer(_ value: Value) throws -> Int {
        switch value {
        case let .int(number): return number
        case let .bool(flag): return flag ? 1 : 0
        default: throw RenderFailure.type("'\(value.typeName)' object cannot be interpreted as an integer")
        }
    }

    func length(of value: Value) throws -> Int {
        switch value {
        case .undefined: return 0
        case let .string(text): return text.unicodeScalars.count
        case let .list(items), let .tuple(items), let .view(_, items): return items.count
        case let .dict(dictionary): return dictionary.count
        case let .range(start, stop, step): return TemplateOperators.rangeCount(start, stop, step)
        case let .loop(loop): return loop.items.count
        case let .namespace(namespace): return namespace.attributes.count
        default: throw RenderFailure.type("object of type '\(value.typeName)' has no len()")
        }
    }

    /// jinja2's attribute getter for `map`, `sort`, `join`, … (`"a.b"` and `"0"` path parts).
    func attributePath(_ value: Value, _ attribute: Value) throws -> Value {
        if case let .int(index) = attribute { return try TemplateAttributes.item(of: value, .int(index)) }
        var current = value
        for part in try attribute.printed().split(separator: ".", omittingEmptySubsequences: false) {
            let key: Value = Int(part).map { .int($0) } ?? .string(String(part))
            current = try TemplateAttributes.item(of: current, key)
        }
        return current
    }

    private func sortKey(_ item: Value, attribute: Value, caseSensitive: Bool) throws -> Value {
        let key = attribute.isNone ? item : try attributePath(item, attribute)
        if !caseSensitive, case let .string(text) = key { return .string(PythonStrings.lowercased(text)) }
        return key
    }

    private func toJSON(_ value: Value, _ arguments: CallArguments) throws -> Value {
        let bound = try arguments.bind(
            "tojson", [("ensure_ascii", .bool(false)), ("indent", Value.none), ("separators", Value.none), ("sort_keys", .bool(false))])
        var encoder = PythonJSON()
        encoder.maximumBytes = limits.maximumStringBytes
        encoder.ensureASCII = TemplateOperators.truthy(bound[0])
        switch bound[1] {
        case .none: encoder.indent = nil
        case let .int(count): encoder.indent = String(repeating: " ", count: max(count, 0))
        case let .string(text): encoder.indent = text
        default: throw RenderFailure.unsupported("tojson indent of type \(bound[1].typeName)")
        }
        if encoder.indent != nil { encoder.itemSeparator = "," }
        if !bound[2].isNone {
            guard let parts = bound[2].sequenceElements, parts.count == 2, case let .string(item) = parts[0],
                case let .string(key) = parts[1]
            else { throw RenderFailure.value("separators must be a pair of strings") }
            encoder.itemSeparator = item
            encoder.keySeparator = key
        }
        encoder.sortKeys = TemplateOperators.truthy(bound[3])
        return .string(try encoder.encode(value))
    }

    private func mapItems(_ value: Value, _ arguments: CallArguments) throws -> [Value] {
        let items = try iterate(value)
        if let attribute = arguments.keyword("attribute") {
            let fallback = arguments.keyword("default")
            return try items.map { item in
                let found = try attributePath(item, attribute)
                if found.isUndefined, let fallback { return fallback }
                return found
            }
        }
        guard let filterName = arguments.positional.first else { return items }
        let filter = try filterName.printed()
        guard TemplateBuiltins.filterNames.contains(filter) else {
            throw RenderFailure.python("TemplateRuntimeError", "No filter named '\(filter)' found.")
        }
        let rest = CallArguments(positional: Array(arguments.positional.dropFirst()), keywords: arguments.keywords)
        return try items.map { try applyFilter(filter, to: $0, arguments: rest) }
    }

    private func selectItems(_ value: Value, _ arguments: CallArguments, attribute: Bool, keep: Bool) throws -> [Value] {
        var positional = arguments.positional
        var attributeName: Value?
        if attribute {
            guard !positional.isEmpty else { throw RenderFailure.type("selectattr needs an attribute") }
            attributeName = positional.removeFirst()
        }
        let test = positional.isEmpty ? nil : try positional.removeFirst().printed()
        if let test, !TemplateBuiltins.testNames.contains(test) {
            throw RenderFailure.python("TemplateRuntimeError", "No test named '\(test)' found.")
        }
        let rest = CallArguments(positional: positional, keywords: arguments.keywords)
        return try iterate(value).filter { item in
            let subject = try attributeName.map { try attributePath(item, $0) } ?? item
            let passed = try test.map { try applyTest($0, to: subject, arguments: rest) } ?? TemplateOperators.truthy(subject)
            return passed == keep
        }
    }

    private func toInteger(_ value: Value, fallback: Value, base: Int) throws -> Value {
        switch value {
        case let .int(number): return .int(number)
        case let .bool(flag): return .int(flag ? 1 : 0)
        case let .float(number):
            guard number.isFinite, abs(number) < 9.2e18 else { return fallback }
            return .int(Int(number))
        case let .string(text):
            let trimmed = PythonStrings.strip(text, characters: nil, leading: true, trailing: true)
            var digits = trimmed.replacingUnderscores()
            var negative = false
            if digits.hasPrefix("-") || digits.hasPrefix("+") {
                negative = digits.hasPrefix("-")
                digits.removeFirst()
            }
            if base == 10, !digits.isEmpty, digits.unicodeScalars.allSatisfy(PythonCharacters.isDigit),
                !trimmed.hasPrefix("_"), !trimmed.hasSuffix("_"), !trimmed.contains("__"), let number = Int(digits)
            {
                return .int(negative ? -number : number)
            }
            if base != 10 { throw RenderFailure.unsupported("filter 'int' with base \(base)") }
            if case let .float(float)? = toFloat(value), float.isFinite, abs(float) < 9.2e18 { return .int(Int(float)) }
            return fallback
        default:
            return fallback
        }
    }

    private func toFloat(_ value: Value) -> Value? {
        switch value {
        case let .int(number): return .float(Double(number))
        case let .bool(flag): return .float(flag ? 1 : 0)
        case let .float(number): return .float(number)
        case let .string(text):
            let trimmed = PythonStrings.strip(text, characters: nil, leading: true, trailing: true)
            let lowered = trimmed.lowercased()
            let unsigned = lowered.hasPrefix("-") || lowered.hasPrefix("+") ? String(lowered.dropFirst()) : lowered
            let sign: Double = lowered.hasPrefix("-") ? -1 : 1
            if unsigned == "inf" || unsigned == "infinity" { return .float(sign * .infinity) }
            if unsigned == "nan" { return .float(.nan) }
            guard !unsigned.isEmpty, unsigned.unicodeScalars.allSatisfy({ PythonCharacters.isDigit($0) || "._e+-".unicodeScalars.contains($0) }),
                !unsigned.contains("__"), !unsigned.hasPrefix("_"), !unsigned.hasSuffix("_"),
                let number = Double(lowered.replacingUnderscores())
            else { return nil }
            return .float(number)
        default:
            return nil
        }
    }

    private func round(_ value: Value, precision: Int, method: String) throws -> Value {
        guard ["common", "ceil", "floor"].contains(method) else {
            throw RenderFailure.python("FilterArgumentError", "method must be common, ceil or floor")
        }
        guard precision == 0 else { throw RenderFailure.unsupported("filter 'round' with a precision") }
        switch value {
        case .int, .bool:
            return method == "common" ? (try TemplateOperators.plus(value)) : .float(Double(try integer(value)))
        case let .float(number):
            switch method {
            case "ceil": return .float(number.rounded(.up))
            case "floor": return .float(number.rounded(.down))
            default: return .float(number.rounded(.toNearestOrEven))
            }
        default:
            throw RenderFailure.type("type \(value.typeName) doesn't define __round__ method")
        }
    }

    /// jinja2's `indent`: appends a newline, splits into lines, indents all but the first (and
    /// blank ones only with `blank`), and the first too with `first`.
    private func indent(_ text: String, _ bound: [Value]) throws -> String {
        let prefix: String
        if case let .string(custom) = bound[0] {
            prefix = custom
        } else {
            prefix = String(repeating: " ", count: max(try integer(bound[0]), 0))
        }
        var lines = TemplateMethods.splitLines(text + "\n", keepEnds: false)
        var out: String
        if TemplateOperators.truthy(bound[2]) {
            out = lines.joined(separator: "\n" + prefix)
        } else {
            out = lines.isEmpty ? "" : lines.removeFirst()
            if !lines.isEmpty { out += "\n" + lines.map { $0.isEmpty ? $0 : prefix + $0 }.joined(separator: "\n") }
        }
        if TemplateOperators.truthy(bound[1]) { out = prefix + out }
        return out
    }

    private func countWords(_ text: String) throws -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let word = PythonCharacters.isNameCharacter(scalar)
            if word && !inWord { count += 1 }
            inWord = word
        }
        return count
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(unicodeScalars.filter { $0 != "_" }.map(Character.init))
    }
}
