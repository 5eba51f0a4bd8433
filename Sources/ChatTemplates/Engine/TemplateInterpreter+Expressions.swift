extension TemplateInterpreter {
    func evaluate(_ expression: TemplateExpression, _ scope: Scope) throws -> Value {
        switch expression.kind {
        case .none: return .none
        case let .bool(flag): return .bool(flag)
        case let .int(number): return .int(number)
        case let .float(number): return .float(number)
        case let .string(text): return .string(text)
        case let .name(name):
            if let value = scope.lookup(name) { return value }
            if TemplateGlobals.names.contains(name) { return .callable(.global(name)) }
            return .undefined(Undefined(reason: .variable(name)))
        case let .list(items):
            return .list(try items.map { try evaluate($0, scope) })
        case let .tuple(items):
            return .tuple(try items.map { try evaluate($0, scope) })
        case let .dict(pairs):
            var dictionary = ValueDictionary()
            for pair in pairs {
                let key = try evaluate(pair.key, scope)
                let value = try evaluate(pair.value, scope)
                location = pair.key.location
                try dictionary.set(key, value)
            }
            return .dict(dictionary)
        case let .attribute(owner, name):
            let value = try evaluate(owner, scope)
            location = expression.location
            return try TemplateAttributes.attribute(of: value, name)
        case let .item(owner, key):
            let value = try evaluate(owner, scope)
            if case let .slice(start, stop, step) = key.kind {
                let bounds = try [start, stop, step].map { try $0.map { try evaluate($0, scope) } }
                location = expression.location
                return try TemplateAttributes.slice(value, bounds[0], bounds[1], bounds[2])
            }
            let index = try evaluate(key, scope)
            location = expression.location
            return try TemplateAttributes.item(of: value, index)
        case .slice:
            throw RenderFailure.unsupported("slice outside a subscript")
        case let .call(callee, arguments):
            if case let .attribute(owner, name) = callee.kind {
                // A method call: skip building the bound method.
                let receiver = try evaluate(owner, scope)
                switch receiver {
                case _ where TemplateAttributes.isMethod(name, of: receiver):
                    let bound = try evaluateArguments(arguments, scope)
                    location = expression.location
                    try step()
                    return try TemplateMethods.call(receiver: receiver, name, bound, interpreter: self)
                default:
                    location = callee.location
                    let function = try TemplateAttributes.attribute(of: receiver, name)
                    let bound = try evaluateArguments(arguments, scope)
                    location = expression.location
                    return try call(function, bound)
                }
            }
            let function = try evaluate(callee, scope)
            let bound = try evaluateArguments(arguments, scope)
            location = expression.location
            return try call(function, bound)
        case let .filter(operand, name, arguments):
            let value = try operand.map { try evaluate($0, scope) } ?? .undefined(Undefined(reason: .variable("")))
            let bound = try evaluateArguments(arguments, scope)
            location = expression.location
            return try applyFilter(name, to: value, arguments: bound)
        case let .test(operand, name, arguments):
            let value = try evaluate(operand, scope)
            let bound = try evaluateArguments(arguments, scope)
            location = expression.location
            return .bool(try applyTest(name, to: value, arguments: bound))
        case let .not(operand):
            return .bool(!TemplateOperators.truthy(try evaluate(operand, scope)))
        case let .negate(operand):
            let value = try evaluate(operand, scope)
            location = expression.location
            return try TemplateOperators.negate(value)
        case let .plus(operand):
            let value = try evaluate(operand, scope)
            location = expression.location
            return try TemplateOperators.plus(value)
        case let .binary(operation, left, right):
            let a = try evaluate(left, scope)
            let b = try evaluate(right, scope)
            location = expression.location
            return try TemplateOperators.binary(operation, a, b, limits: limits)
        case let .and(left, right):
            let a = try evaluate(left, scope)
            return TemplateOperators.truthy(a) ? try evaluate(right, scope) : a
        case let .or(left, right):
            let a = try evaluate(left, scope)
            return TemplateOperators.truthy(a) ? a : try evaluate(right, scope)
        case let .concat(items):
            var text = ""
            for item in items {
                let value = try evaluate(item, scope)
                location = expression.location
                text += try value.printed()
                try limits.checkString(text.utf8.count)
            }
            return .string(text)
        case let .compare(first, operations):
            var left = try evaluate(first, scope)
            for (operation, operand) in operations {
                let right = try evaluate(operand, scope)
                location = expression.location
                if !(try TemplateOperators.compare(operation, left, right)) { return .bool(false) }
                left = right
            }
            return .bool(true)
        case let .conditional(test, then, otherwise):
            if TemplateOperators.truthy(try evaluate(test, scope)) { return try evaluate(then, scope) }
            if let otherwise { return try evaluate(otherwise, scope) }
            let message =
                "the inline if-expression on line \(expression.location.line) evaluated to false and no else section was defined."
            return .undefined(Undefined(reason: .hint(message, exception: "UndefinedError")))
        }
    }

    func evaluateArguments(_ arguments: TemplateArguments, _ scope: Scope) throws -> CallArguments {
        var bound = CallArguments()
        bound.positional = try arguments.positional.map { try evaluate($0, scope) }
        for (name, value) in arguments.keywords { bound.keywords.append((name, try evaluate(value, scope))) }
        if let star = arguments.star { bound.positional += try iterate(try evaluate(star, scope)) }
        if let doubleStar = arguments.doubleStar {
            guard case let .dict(dictionary) = try evaluate(doubleStar, scope) else {
                throw RenderFailure.type("argument after ** must be a mapping")
            }
            for (key, value) in dictionary.entries {
                guard case let .string(name) = key else { throw RenderFailure.type("keywords must be strings") }
                bound.keywords.append((name, value))
            }
        }
        return bound
    }

    /// Calls a value, as jinja2's sandboxed `call` does.
    func call(_ function: Value, _ arguments: CallArguments) throws -> Value {
        try step()
        switch function {
        case let .undefined(undefined):
            throw TemplateOperators.failUndefined(undefined)
        case let .callable(callable):
            switch callable {
            case let .global(name): return try TemplateGlobals.call(name, arguments, interpreter: self)
            case let .method(method): return try TemplateMethods.call(method, arguments, interpreter: self)
            case let .macro(macro): return try callMacro(macro, arguments)
            case let .loopMethod(loop, name): return try TemplateAttributes.callLoopMethod(loop, name, arguments)
            case let .joiner(joiner):
                if joiner.used { return .string(joiner.separator) }
                joiner.used = true
                return .string("")
            }
        default:
            throw RenderFailure.type("'\(function.typeName)' object is not callable")
        }
    }
}
