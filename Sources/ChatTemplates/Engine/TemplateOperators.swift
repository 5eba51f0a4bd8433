#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Python's truthiness, equality, ordering, arithmetic and membership over template values, with
/// jinja2's rules for undefined values.
enum TemplateOperators {
    static func failUndefined(_ undefined: Undefined) -> RenderFailure {
        .python(undefined.exception, undefined.message)
    }

    static func truthy(_ value: Value) -> Bool {
        switch value {
        case .undefined, .none: return false
        case let .bool(flag): return flag
        case let .int(number): return number != 0
        case let .float(number): return number != 0
        case let .string(text): return !text.isEmpty
        case let .list(items), let .tuple(items), let .view(_, items): return !items.isEmpty
        case let .dict(dictionary): return dictionary.count > 0
        case let .range(start, stop, step): return rangeCount(start, stop, step) > 0
        case .namespace, .loop, .callable, .iterator: return true
        }
    }

    static func rangeCount(_ start: Int, _ stop: Int, _ step: Int) -> Int {
        if step > 0 { return stop > start ? (stop - start + step - 1) / step : 0 }
        return start > stop ? (start - stop - step - 1) / (-step) : 0
    }

    static func rangeElements(_ start: Int, _ stop: Int, _ step: Int) -> [Value] {
        (0..<rangeCount(start, stop, step)).map { .int(start + $0 * step) }
    }

    /// A number as Python sees it in arithmetic (`bool` is an `int`).
    private enum Number {
        case int(Int)
        case float(Double)
        var double: Double {
            switch self {
            case let .int(value): return Double(value)
            case let .float(value): return value
            }
        }
    }

    private static func number(_ value: Value) -> Number? {
        switch value {
        case let .bool(flag): return .int(flag ? 1 : 0)
        case let .int(number): return .int(number)
        case let .float(number): return .float(number)
        default: return nil
        }
    }

    static func equal(_ left: Value, _ right: Value) -> Bool {
        if let a = number(left), let b = number(right) {
            if case let .int(x) = a, case let .int(y) = b { return x == y }
            return a.double == b.double
        }
        switch (left, right) {
        case (.undefined, .undefined), (.none, .none): return true
        case let (.string(a), .string(b)): return sameScalars(a, b)
        case let (.list(a), .list(b)), let (.tuple(a), .tuple(b)):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case let (.view(kindA, a), .view(kindB, b)):
            return kindA == kindB && kindA != .values && a.count == b.count && a.allSatisfy { item in b.contains { equal($0, item) } }
        case let (.dict(a), .dict(b)):
            guard a.count == b.count else { return false }
            for (key, value) in a.entries {
                guard let other = b.value(for: key), equal(value, other) else { return false }
            }
            return true
        case let (.range(a0, a1, a2), .range(b0, b1, b2)):
            return rangeElements(a0, a1, a2).count == rangeElements(b0, b1, b2).count
                && zip(rangeElements(a0, a1, a2), rangeElements(b0, b1, b2)).allSatisfy { equal($0, $1) }
        case let (.namespace(a), .namespace(b)): return a === b
        case let (.loop(a), .loop(b)): return a === b
        case let (.iterator(a), .iterator(b)): return a === b
        default: return false
        }
    }

    /// `left < right`, or Python's `TypeError` for values it does not order.
    static func less(_ left: Value, _ right: Value) throws -> Bool {
        try order(left, right, "<") < 0
    }

    /// -1, 0 or 1; throws for values Python does not order.
    static func order(_ left: Value, _ right: Value, _ symbol: String) throws -> Int {
        if case let .undefined(undefined) = left { throw failUndefined(undefined) }
        if case let .undefined(undefined) = right { throw failUndefined(undefined) }
        if let a = number(left), let b = number(right) {
            if case let .int(x) = a, case let .int(y) = b { return x < y ? -1 : x > y ? 1 : 0 }
            let x = a.double
            let y = b.double
            return x < y ? -1 : x > y ? 1 : 0
        }
        switch (left, right) {
        case let (.string(a), .string(b)):
            return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : sameScalars(a, b) ? 0 : 1
        case let (.list(a), .list(b)), let (.tuple(a), .tuple(b)):
            for (x, y) in zip(a, b) where !equal(x, y) { return try order(x, y, symbol) }
            return a.count < b.count ? -1 : a.count > b.count ? 1 : 0
        default:
            throw RenderFailure.type(
                "'\(symbol)' not supported between instances of '\(left.typeName)' and '\(right.typeName)'")
        }
    }

    static func compare(_ operation: TemplateExpression.CompareOperator, _ left: Value, _ right: Value) throws -> Bool {
        switch operation {
        case .equal: return equal(left, right)
        case .notEqual: return !equal(left, right)
        case .less: return try order(left, right, "<") < 0
        case .lessOrEqual: return try order(left, right, "<=") <= 0
        case .greater: return try order(left, right, ">") > 0
        case .greaterOrEqual: return try order(left, right, ">=") >= 0
        case .contains: return try contains(right, left)
        case .notContains: return try !contains(right, left)
        }
    }

    /// `item in container`.
    static func contains(_ container: Value, _ item: Value) throws -> Bool {
        switch container {
        case .undefined: return false
        case let .string(text):
            guard case let .string(needle) = item else {
                if case let .undefined(undefined) = item { throw failUndefined(undefined) }
                throw RenderFailure.type("'in <string>' requires string as left operand, not \(item.typeName)")
            }
            return PythonStrings.contains(needle, in: text)
        case let .list(items), let .tuple(items), let .view(_, items):
            return items.contains { equal($0, item) }
        case let .dict(dictionary):
            guard HashKey(item) != nil else { throw RenderFailure.type("unhashable type: '\(item.typeName)'") }
            return dictionary.value(for: item) != nil
        case let .range(start, stop, step):
            return rangeElements(start, stop, step).contains { equal($0, item) }
        default:
            throw RenderFailure.type("argument of type '\(container.typeName)' is not iterable")
        }
    }

    private static func operandError(_ symbol: String, _ left: Value, _ right: Value) -> RenderFailure {
        if case let .undefined(undefined) = left { return failUndefined(undefined) }
        if case let .undefined(undefined) = right { return failUndefined(undefined) }
        if symbol == "+" {
            if case .string = left { return .type("can only concatenate str (not \"\(right.typeName)\") to str") }
            if case .list = left { return .type("can only concatenate list (not \"\(right.typeName)\") to list") }
            if case .tuple = left { return .type("can only concatenate tuple (not \"\(right.typeName)\") to tuple") }
        }
        return .type("unsupported operand type(s) for \(symbol): '\(left.typeName)' and '\(right.typeName)'")
    }

    private static func overflow() -> RenderFailure { .unsupported("integer arithmetic beyond 64 bits") }

    static func binary(
        _ operation: TemplateExpression.BinaryOperator, _ left: Value, _ right: Value, limits: RenderLimits
    ) throws -> Value {
        if let a = number(left), let b = number(right) { return try arithmetic(operation, a, b, left, right) }
        switch (operation, left, right) {
        case let (.add, .string(a), .string(b)):
            try limits.checkString(a.utf8.count + b.utf8.count)
            return .string(a + b)
        case let (.add, .list(a), .list(b)):
            try limits.checkItems(a.count + b.count)
            return .list(a + b)
        case let (.add, .tuple(a), .tuple(b)):
            try limits.checkItems(a.count + b.count)
            return .tuple(a + b)
        case (.multiply, .string, _), (.multiply, .list, _), (.multiply, .tuple, _):
            return try repeatSequence(left, right, limits: limits)
        case (.multiply, _, .string), (.multiply, _, .list), (.multiply, _, .tuple):
            return try repeatSequence(right, left, limits: limits)
        case let (.modulo, .string(format), _):
            return .string(try PrintfFormatting.format(format, right))
        default:
            throw operandError(operation.rawValue, left, right)
        }
    }

    private static func repeatSequence(_ sequence: Value, _ times: Value, limits: RenderLimits) throws -> Value {
        guard case let .int(count)? = number(times).map({ number -> Number in number }) else {
            if case let .undefined(undefined) = times { throw failUndefined(undefined) }
            throw RenderFailure.type("can't multiply sequence by non-int of type '\(times.typeName)'")
        }
        let repeats = max(count, 0)
        switch sequence {
        case let .string(text):
            try limits.checkString(text.utf8.count.multipliedReportingOverflow(by: repeats).partialValue)
            return .string(String(repeating: text, count: repeats))
        case let .list(items):
            try limits.checkItems(items.count * repeats)
            return .list(Array((0..<repeats).map { _ in items }.joined()))
        case let .tuple(items):
            try limits.checkItems(items.count * repeats)
            return .tuple(Array((0..<repeats).map { _ in items }.joined()))
        default:
            throw RenderFailure.type("can't multiply sequence by non-int of type '\(times.typeName)'")
        }
    }

    private static func arithmetic(
        _ operation: TemplateExpression.BinaryOperator, _ a: Number, _ b: Number, _ left: Value, _ right: Value
    ) throws -> Value {
        if case let .int(x) = a, case let .int(y) = b {
            switch operation {
            case .add:
                let (sum, overflow) = x.addingReportingOverflow(y)
                if overflow { throw Self.overflow() }
                return .int(sum)
            case .subtract:
                let (difference, overflow) = x.subtractingReportingOverflow(y)
                if overflow { throw Self.overflow() }
                return .int(difference)
            case .multiply:
                let (product, overflow) = x.multipliedReportingOverflow(by: y)
                if overflow { throw Self.overflow() }
                return .int(product)
            case .divide:
                if y == 0 { throw RenderFailure.python("ZeroDivisionError", "division by zero") }
                return .float(Double(x) / Double(y))
            case .floorDivide, .modulo:
                if y == 0 {
                    throw RenderFailure.python(
                        "ZeroDivisionError", operation == .modulo ? "integer modulo by zero" : "integer division or modulo by zero")
                }
                if x == Int.min && y == -1 { throw Self.overflow() }
                var quotient = x / y
                var remainder = x % y
                if remainder != 0 && ((remainder < 0) != (y < 0)) {
                    quotient -= 1
                    remainder += y
                }
                return .int(operation == .floorDivide ? quotient : remainder)
            case .power:
                if y < 0 { return .float(pow(Double(x), Double(y))) }
                var result = 1
                var base = x
                var exponent = y
                while exponent > 0 {
                    if exponent & 1 == 1 {
                        let (product, overflow) = result.multipliedReportingOverflow(by: base)
                        if overflow { throw Self.overflow() }
                        result = product
                    }
                    exponent >>= 1
                    if exponent > 0 {
                        let (square, overflow) = base.multipliedReportingOverflow(by: base)
                        if overflow { throw Self.overflow() }
                        base = square
                    }
                }
                return .int(result)
            }
        }
        let x = a.double
        let y = b.double
        switch operation {
        case .add: return .float(x + y)
        case .subtract: return .float(x - y)
        case .multiply: return .float(x * y)
        case .divide:
            if y == 0 { throw RenderFailure.python("ZeroDivisionError", "float division by zero") }
            return .float(x / y)
        case .floorDivide:
            if y == 0 { throw RenderFailure.python("ZeroDivisionError", "float floor division by zero") }
            return .float(floorDivision(x, y))
        case .modulo:
            if y == 0 { throw RenderFailure.python("ZeroDivisionError", "float modulo") }
            return .float(pythonModulo(x, y))
        case .power:
            if x == 0 && y < 0 {
                throw RenderFailure.python("ZeroDivisionError", "0.0 cannot be raised to a negative power")
            }
            return .float(pow(x, y))
        }
    }

    /// Python's float `//`: `(x - x % y) / y`, rounded as CPython rounds it.
    private static func floorDivision(_ x: Double, _ y: Double) -> Double {
        let modulo = x.truncatingRemainder(dividingBy: y)
        var division = (x - modulo) / y
        if modulo != 0 && ((y < 0) != (modulo < 0)) { division -= 1 }
        if division != 0 {
            var floored = division.rounded(.down)
            if division - floored > 0.5 { floored += 1 }
            return floored
        }
        return (0.0).withSign(x / y)
    }

    private static func pythonModulo(_ x: Double, _ y: Double) -> Double {
        var modulo = x.truncatingRemainder(dividingBy: y)
        if modulo != 0 {
            if (y < 0) != (modulo < 0) { modulo += y }
        } else {
            modulo = (0.0).withSign(y)
        }
        return modulo
    }

    static func negate(_ value: Value) throws -> Value {
        switch value {
        case let .bool(flag): return .int(flag ? -1 : 0)
        case let .int(number):
            if number == Int.min { throw overflow() }
            return .int(-number)
        case let .float(number): return .float(-number)
        case let .undefined(undefined): throw failUndefined(undefined)
        default: throw RenderFailure.type("bad operand type for unary -: '\(value.typeName)'")
        }
    }

    static func plus(_ value: Value) throws -> Value {
        switch value {
        case let .bool(flag): return .int(flag ? 1 : 0)
        case .int, .float: return value
        case let .undefined(undefined): throw failUndefined(undefined)
        default: throw RenderFailure.type("bad operand type for unary +: '\(value.typeName)'")
        }
    }
}

extension Double {
    fileprivate func withSign(_ other: Double) -> Double { other.sign == .minus ? -abs(self) : abs(self) }
}

