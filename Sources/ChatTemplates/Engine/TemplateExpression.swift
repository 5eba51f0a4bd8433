/// An expression of the template language, as jinja2's parser builds it.
struct TemplateExpression: Sendable {
    indirect enum Kind: Sendable {
        case none
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)
        case name(String)
        case list([TemplateExpression])
        case tuple([TemplateExpression])
        case dict([(key: TemplateExpression, value: TemplateExpression)])
        case attribute(TemplateExpression, String)
        case item(TemplateExpression, TemplateExpression)
        case slice(start: TemplateExpression?, stop: TemplateExpression?, step: TemplateExpression?)
        case call(TemplateExpression, TemplateArguments)
        case filter(TemplateExpression?, name: String, TemplateArguments)
        case test(TemplateExpression, name: String, TemplateArguments)
        case not(TemplateExpression)
        case negate(TemplateExpression)
        case plus(TemplateExpression)
        case binary(BinaryOperator, TemplateExpression, TemplateExpression)
        case and(TemplateExpression, TemplateExpression)
        case or(TemplateExpression, TemplateExpression)
        case concat([TemplateExpression])
        case compare(TemplateExpression, [(CompareOperator, TemplateExpression)])
        case conditional(test: TemplateExpression, then: TemplateExpression, otherwise: TemplateExpression?)
    }

    enum BinaryOperator: String, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", modulo = "%", power = "**"
    }

    enum CompareOperator: String, Sendable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case contains = "in", notContains = "not in"
    }

    let kind: Kind
    let location: SourceLocation

    init(_ kind: Kind, _ location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

/// The arguments of a call, filter or test.
struct TemplateArguments: Sendable {
    var positional: [TemplateExpression] = []
    var keywords: [(name: String, value: TemplateExpression)] = []
    var star: TemplateExpression?
    var doubleStar: TemplateExpression?
}
