extension TemplateInterpreter {
    /// `value is name(arguments)`.
    func applyTest(_ name: String, to value: Value, arguments: CallArguments) throws -> Bool {
        func argument() throws -> Value {
            guard let first = arguments.positional.first else {
                throw RenderFailure.type("test '\(name)' needs an argument")
            }
            return first
        }
        switch name {
        case "defined": return !value.isUndefined
        case "undefined": return value.isUndefined
        case "none": return value.isNone
        case "boolean": if case .bool = value { return true } else { return false }
        case "true": if case .bool(true) = value { return true } else { return false }
        case "false": if case .bool(false) = value { return true } else { return false }
        case "integer": if case .int = value { return true } else { return false }
        case "float": if case .float = value { return true } else { return false }
        case "number":
            switch value {
            case .int, .float, .bool: return true
            default: return false
            }
        case "string": if case .string = value { return true } else { return false }
        case "mapping": if case .dict = value { return true } else { return false }
        case "iterable":
            switch value {
            case .undefined, .list, .tuple, .string, .dict, .view, .range, .iterator, .loop: return true
            default: return false
            }
        case "sequence":
            switch value {
            case .undefined, .list, .tuple, .string, .dict, .range: return true
            default: return false
            }
        case "callable":
            if case .callable = value { return true }
            return false
        case "odd", "even":
            guard case let .int(number) = value else {
                if case let .bool(flag) = value { return (flag ? 1 : 0) % 2 == (name == "odd" ? 1 : 0) }
                throw RenderFailure.unsupported("test '\(name)' of a \(value.typeName)")
            }
            return abs(number % 2) == (name == "odd" ? 1 : 0)
        case "divisibleby":
            guard case let .int(number) = value, case let .int(divisor) = try argument() else {
                throw RenderFailure.unsupported("test 'divisibleby' of a \(value.typeName)")
            }
            if divisor == 0 { throw RenderFailure.python("ZeroDivisionError", "integer division or modulo by zero") }
            return number % divisor == 0
        case "lower", "upper":
            return TemplateMethods.characterTest(try value.printed(), name == "lower" ? "islower" : "isupper")
        case "escaped": return false
        case "sameas":
            let other = try argument()
            switch (value, other) {
            case (.none, .none): return true
            case let (.bool(a), .bool(b)): return a == b
            case let (.namespace(a), .namespace(b)): return a === b
            case let (.int(a), .int(b)) where a >= -5 && a <= 256: return a == b
            default: throw RenderFailure.unsupported("test 'sameas' on \(value.typeName) values")
            }
        case "in": return try TemplateOperators.contains(try argument(), value)
        case "==", "eq", "equalto": return TemplateOperators.equal(value, try argument())
        case "!=", "ne": return !TemplateOperators.equal(value, try argument())
        case ">", "gt", "greaterthan": return try TemplateOperators.compare(.greater, value, try argument())
        case ">=", "ge": return try TemplateOperators.compare(.greaterOrEqual, value, try argument())
        case "<", "lt", "lessthan": return try TemplateOperators.compare(.less, value, try argument())
        case "<=", "le": return try TemplateOperators.compare(.lessOrEqual, value, try argument())
        case "filter":
            guard case let .string(text) = value else { return false }
            return TemplateBuiltins.filterNames.contains(text)
        case "test":
            guard case let .string(text) = value else { return false }
            return TemplateBuiltins.testNames.contains(text)
        default:
            throw RenderFailure.unsupported("test '\(name)'")
        }
    }
}
