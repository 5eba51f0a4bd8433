/// Builds the syntax tree of a template from its tokens, following jinja2 3.1.6's grammar and
/// precedence, with transformers' `{% generation %}` and the loop-control tags.
struct TemplateParser {
    private let tokens: [TemplateToken]
    private let lines: SourceLines
    private var index = 0
    private var depth = 0
    private var loopDepth = 0
    private var macroReads: [Set<String>] = []
    /// The template's literal text: its data and string constants (transformers reads control
    /// tokens from these).
    private(set) var literals: [String] = []

    static let maximumNesting = 200

    init(tokens: [TemplateToken], lines: SourceLines) {
        self.tokens = tokens
        self.lines = lines
    }

    mutating func parseTemplate() throws -> [TemplateStatement] {
        let body = try subparse(until: [])
        guard current.kind == .end else { throw fail("unexpected '\(current.summary)'") }
        return body
    }

    // MARK: - Token stream

    private var current: TemplateToken { tokens[index] }
    private var next: TemplateToken { tokens[min(index + 1, tokens.count - 1)] }

    private mutating func advance() -> TemplateToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func location(_ token: TemplateToken) -> SourceLocation { lines.location(of: token.offset) }

    private func fail(_ message: String, at token: TemplateToken? = nil) -> ChatTemplateError {
        let place = location(token ?? current)
        return ChatTemplateError(
            kind: .syntax, exceptionName: "TemplateSyntaxError", message: message, line: place.line,
            column: place.column)
    }

    private mutating func expect(_ kind: TemplateToken.Kind, _ text: String? = nil) throws -> TemplateToken {
        guard current.kind == kind, text == nil || current.text == text else {
            let wanted = text ?? TemplateToken(kind, offset: 0).summary
            if current.kind == .end {
                throw fail("unexpected end of template, expected '\(wanted)'.")
            }
            throw fail("expected token '\(wanted)', got '\(current.summary)'")
        }
        return advance()
    }

    private mutating func skipSymbol(_ symbol: String) -> Bool {
        if current.isSymbol(symbol) {
            _ = advance()
            return true
        }
        return false
    }

    private mutating func skipName(_ name: String) -> Bool {
        if current.isName(name) {
            _ = advance()
            return true
        }
        return false
    }

    private mutating func nest() throws {
        depth += 1
        if depth > Self.maximumNesting {
            let place = location(current)
            throw ChatTemplateError(
                kind: .limitExceeded, exceptionName: "",
                message: "template nests deeper than \(Self.maximumNesting) levels", line: place.line,
                column: place.column)
        }
    }

    // MARK: - Statements

    private mutating func subparse(until endTags: Set<String>) throws -> [TemplateStatement] {
        var body: [TemplateStatement] = []
        while current.kind != .end {
            let token = current
            switch token.kind {
            case .data:
                _ = advance()
                literals.append(token.text)
                body.append(TemplateStatement(.data(token.text), location(token)))
            case .variableBegin:
                _ = advance()
                let expression = try parseTuple()
                _ = try expect(.variableEnd)
                body.append(TemplateStatement(.output(expression), location(token)))
            case .blockBegin:
                _ = advance()
                if current.kind == .name, endTags.contains(current.text) { return body }
                body.append(try parseStatement())
                _ = try expect(.blockEnd)
            default:
                throw fail("unexpected '\(token.summary)'")
            }
        }
        return body
    }

    /// Skips an optional colon, expects the end of the tag, and parses up to one of `endTags`,
    /// leaving that tag's name current (or consuming it with `drop`).
    private mutating func parseBody(until endTags: Set<String>, drop: Bool = true) throws -> [TemplateStatement] {
        try nest()
        defer { depth -= 1 }
        _ = skipSymbol(":")
        _ = try expect(.blockEnd)
        let body = try subparse(until: endTags)
        if current.kind == .end {
            throw fail("Unexpected end of template. Jinja was looking for the following tags: \(endTags.sorted().map { "'\($0)'" }.joined(separator: " or ")).")
        }
        if drop { _ = advance() }
        return body
    }

    private mutating func parseStatement() throws -> TemplateStatement {
        let token = current
        guard token.kind == .name else { throw fail("tag name expected") }
        let place = location(token)
        switch token.text {
        case "for": return try parseFor()
        case "if": return try parseIf()
        case "set": return try parseSet()
        case "macro": return try parseMacro()
        case "call": return try parseCallBlock()
        case "filter":
            _ = advance()
            guard let filter = try parseFilter(nil, startInline: true) else { throw fail("expected filter") }
            return TemplateStatement(.filterBlock(filter, body: try parseBody(until: ["endfilter"])), place)
        case "with": return try parseWith()
        case "print":
            _ = advance()
            var items: [TemplateExpression] = []
            while current.kind != .blockEnd {
                if !items.isEmpty { _ = try expect(.symbol, ",") }
                items.append(try parseExpression())
            }
            let outputs = items.map { TemplateStatement(.output($0), $0.location) }
            return TemplateStatement(.with(targets: [], values: [], body: outputs), place)
        case "generation":
            _ = advance()
            return TemplateStatement(.generation(try parseBody(until: ["endgeneration"])), place)
        case "break", "continue":
            _ = advance()
            guard loopDepth > 0 else {
                throw ChatTemplateError(
                    kind: .syntax, exceptionName: "SyntaxError", message: "'\(token.text)' outside loop", line: place.line,
                    column: place.column)
            }
            return TemplateStatement(token.text == "break" ? .breakLoop : .continueLoop, place)
        case "block", "autoescape":
            _ = advance()
            while current.kind != .blockEnd && current.kind != .end { _ = advance() }
            _ = try parseBody(until: ["end" + token.text])
            while current.kind != .blockEnd && current.kind != .end { _ = advance() }
            return TemplateStatement(.unsupported("tag '\(token.text)'"), place)
        case "extends", "include", "import", "from":
            _ = advance()
            while current.kind != .blockEnd && current.kind != .end { _ = advance() }
            return TemplateStatement(.unsupported("tag '\(token.text)'"), place)
        default:
            throw fail("Encountered unknown tag '\(token.text)'.")
        }
    }

    private mutating func parseFor() throws -> TemplateStatement {
        let place = location(advance())
        let target = try parseAssignTarget(extraEnd: ["in"])
        _ = try expect(.name, "in")
        let iterable = try parseTuple(conditional: false, extraEnd: ["recursive"])
        var filter: TemplateExpression?
        if skipName("if") { filter = try parseExpression() }
        let recursive = skipName("recursive")
        loopDepth += 1
        let body = try parseBody(until: ["endfor", "else"], drop: false)
        loopDepth -= 1
        var otherwise: [TemplateStatement] = []
        if advance().text == "else" { otherwise = try parseBody(until: ["endfor"]) }
        let loop = ForLoop(
            target: target, iterable: iterable, filter: filter, body: body, otherwise: otherwise, recursive: recursive)
        return TemplateStatement(.loop(loop), place)
    }

    private mutating func parseIf() throws -> TemplateStatement {
        let place = location(advance())
        var branches: [(test: TemplateExpression, body: [TemplateStatement])] = []
        var otherwise: [TemplateStatement] = []
        while true {
            let test = try parseTuple(conditional: false)
            let body = try parseBody(until: ["elif", "else", "endif"], drop: false)
            branches.append((test, body))
            let tag = advance().text
            if tag == "elif" { continue }
            if tag == "else" { otherwise = try parseBody(until: ["endif"]) }
            break
        }
        return TemplateStatement(.conditional(branches: branches, otherwise: otherwise), place)
    }

    private mutating func parseSet() throws -> TemplateStatement {
        let place = location(advance())
        let target = try parseAssignTarget(namespace: true)
        if skipSymbol("=") {
            return TemplateStatement(.assign(target, try parseTuple()), place)
        }
        let filter = try parseFilter(nil)
        return TemplateStatement(.assignBlock(target, filter: filter, body: try parseBody(until: ["endset"])), place)
    }

    private mutating func parseWith() throws -> TemplateStatement {
        let place = location(advance())
        var targets: [AssignTarget] = []
        var values: [TemplateExpression] = []
        while current.kind != .blockEnd {
            if !targets.isEmpty { _ = try expect(.symbol, ",") }
            targets.append(try parseAssignTarget())
            _ = try expect(.symbol, "=")
            values.append(try parseExpression())
        }
        return TemplateStatement(.with(targets: targets, values: values, body: try parseBody(until: ["endwith"])), place)
    }

    private mutating func parseSignature() throws -> [(name: String, defaultValue: TemplateExpression?)] {
        var parameters: [(name: String, defaultValue: TemplateExpression?)] = []
        _ = try expect(.symbol, "(")
        while !current.isSymbol(")") {
            if !parameters.isEmpty { _ = try expect(.symbol, ",") }
            let name = try expect(.name).text
            if skipSymbol("=") {
                parameters.append((name, try parseExpression()))
            } else {
                if parameters.contains(where: { $0.defaultValue != nil }) {
                    throw fail("non-default argument follows default argument")
                }
                parameters.append((name, nil))
            }
        }
        _ = try expect(.symbol, ")")
        return parameters
    }

    private mutating func parseMacroBody(named name: String, parameters: [(name: String, defaultValue: TemplateExpression?)], end: String) throws -> MacroDefinition {
        macroReads.append([])
        let savedLoops = loopDepth
        loopDepth = 0
        let body = try parseBody(until: [end])
        loopDepth = savedLoops
        let reads = macroReads.removeLast()
        return MacroDefinition(name: name, parameters: parameters, body: body, reads: reads)
    }

    private mutating func parseMacro() throws -> TemplateStatement {
        let place = location(advance())
        let name = try expect(.name).text
        let parameters = try parseSignature()
        return TemplateStatement(.macro(try parseMacroBody(named: name, parameters: parameters, end: "endmacro")), place)
    }

    private mutating func parseCallBlock() throws -> TemplateStatement {
        let place = location(advance())
        let parameters = current.isSymbol("(") ? try parseSignature() : []
        let call = try parseExpression()
        guard case .call = call.kind else { throw fail("expected call") }
        let caller = try parseMacroBody(named: "caller", parameters: parameters, end: "endcall")
        return TemplateStatement(.callBlock(caller, call: call), place)
    }

    private mutating func parseAssignTarget(extraEnd: Set<String> = [], namespace: Bool = false) throws -> AssignTarget {
        let start = current
        let expression = try parseTuple(simplified: true, extraEnd: extraEnd, namespace: namespace)
        func target(_ expression: TemplateExpression) throws -> AssignTarget {
            switch expression.kind {
            case let .name(name): return .name(name)
            case let .attribute(owner, attribute):
                if case let .name(name) = owner.kind, namespace { return .namespaceAttribute(name, attribute) }
            case let .tuple(items): return .tuple(try items.map(target))
            default: break
            }
            throw fail("can't assign to '\(Self.nodeName(expression))'", at: start)
        }
        return try target(expression)
    }

    private static func nodeName(_ expression: TemplateExpression) -> String {
        switch expression.kind {
        case .none, .bool, .int, .float, .string: return "const"
        case .list: return "list"
        case .dict: return "dict"
        default: return "expression"
        }
    }

    // MARK: - Expressions

    private mutating func parseTuple(
        simplified: Bool = false, conditional: Bool = true, extraEnd: Set<String> = [], parenthesized: Bool = false,
        namespace: Bool = false
    ) throws -> TemplateExpression {
        let place = location(current)
        var items: [TemplateExpression] = []
        var isTuple = false
        while true {
            if !items.isEmpty { _ = try expect(.symbol, ",") }
            if isTupleEnd(extraEnd) { break }
            if simplified {
                items.append(try parsePrimary(namespace: namespace))
            } else {
                items.append(conditional ? try parseExpression() : try parseOr())
            }
            if current.isSymbol(",") { isTuple = true } else { break }
        }
        if !isTuple {
            if let item = items.first { return item }
            if !parenthesized { throw fail("Expected an expression, got '\(current.summary)'") }
        }
        return TemplateExpression(.tuple(items), place)
    }

    private func isTupleEnd(_ extraEnd: Set<String>) -> Bool {
        switch current.kind {
        case .variableEnd, .blockEnd: return true
        case .symbol: return current.text == ")"
        case .name: return extraEnd.contains(current.text)
        default: return false
        }
    }

    private mutating func parseExpression() throws -> TemplateExpression {
        try nest()
        defer { depth -= 1 }
        let place = location(current)
        var expression = try parseOr()
        while skipName("if") {
            let test = try parseOr()
            let otherwise = skipName("else") ? try parseExpression() : nil
            expression = TemplateExpression(.conditional(test: test, then: expression, otherwise: otherwise), place)
        }
        return expression
    }

    private mutating func parseOr() throws -> TemplateExpression {
        let place = location(current)
        var left = try parseAnd()
        while skipName("or") { left = TemplateExpression(.or(left, try parseAnd()), place) }
        return left
    }

    private mutating func parseAnd() throws -> TemplateExpression {
        let place = location(current)
        var left = try parseNot()
        while skipName("and") { left = TemplateExpression(.and(left, try parseNot()), place) }
        return left
    }

    private mutating func parseNot() throws -> TemplateExpression {
        if current.isName("not") {
            let place = location(advance())
            try nest()
            defer { depth -= 1 }
            return TemplateExpression(.not(try parseNot()), place)
        }
        return try parseCompare()
    }

    private mutating func parseCompare() throws -> TemplateExpression {
        let place = location(current)
        let first = try parseMath1()
        var operations: [(TemplateExpression.CompareOperator, TemplateExpression)] = []
        while true {
            if current.kind == .symbol, let operation = TemplateExpression.CompareOperator(rawValue: current.text) {
                _ = advance()
                operations.append((operation, try parseMath1()))
            } else if skipName("in") {
                operations.append((.contains, try parseMath1()))
            } else if current.isName("not") && next.isName("in") {
                _ = advance()
                _ = advance()
                operations.append((.notContains, try parseMath1()))
            } else {
                break
            }
        }
        return operations.isEmpty ? first : TemplateExpression(.compare(first, operations), place)
    }

    private mutating func parseMath1() throws -> TemplateExpression {
        let place = location(current)
        var left = try parseConcat()
        while current.isSymbol("+") || current.isSymbol("-") {
            let operation: TemplateExpression.BinaryOperator = advance().text == "+" ? .add : .subtract
            left = TemplateExpression(.binary(operation, left, try parseConcat()), place)
        }
        return left
    }

    private mutating func parseConcat() throws -> TemplateExpression {
        let place = location(current)
        var items = [try parseMath2()]
        while skipSymbol("~") { items.append(try parseMath2()) }
        return items.count == 1 ? items[0] : TemplateExpression(.concat(items), place)
    }

    private mutating func parseMath2() throws -> TemplateExpression {
        let place = location(current)
        var left = try parsePower()
        while current.kind == .symbol, ["*", "/", "//", "%"].contains(current.text) {
            let operation = TemplateExpression.BinaryOperator(rawValue: advance().text) ?? .multiply
            left = TemplateExpression(.binary(operation, left, try parsePower()), place)
        }
        return left
    }

    private mutating func parsePower() throws -> TemplateExpression {
        let place = location(current)
        var left = try parseUnary()
        while skipSymbol("**") { left = TemplateExpression(.binary(.power, left, try parseUnary()), place) }
        return left
    }

    private mutating func parseUnary(filters: Bool = true) throws -> TemplateExpression {
        try nest()
        defer { depth -= 1 }
        let place = location(current)
        var node: TemplateExpression
        if skipSymbol("-") {
            node = TemplateExpression(.negate(try parseUnary(filters: false)), place)
        } else if skipSymbol("+") {
            node = TemplateExpression(.plus(try parseUnary(filters: false)), place)
        } else {
            node = try parsePrimary()
        }
        node = try parsePostfix(node)
        if filters { node = try parseFilterExpression(node) }
        return node
    }

    private mutating func parsePrimary(namespace: Bool = false) throws -> TemplateExpression {
        let token = current
        let place = location(token)
        switch token.kind {
        case .name:
            _ = advance()
            switch token.text {
            case "true", "True": return TemplateExpression(.bool(true), place)
            case "false", "False": return TemplateExpression(.bool(false), place)
            case "none", "None": return TemplateExpression(.none, place)
            default:
                if namespace && current.isSymbol(".") {
                    _ = advance()
                    let attribute = try expect(.name).text
                    return TemplateExpression(.attribute(TemplateExpression(.name(token.text), place), attribute), place)
                }
                for level in macroReads.indices { macroReads[level].insert(token.text) }
                return TemplateExpression(.name(token.text), place)
            }
        case .string:
            var text = advance().text
            while current.kind == .string { text += advance().text }
            literals.append(text)
            return TemplateExpression(.string(text), place)
        case .integer:
            return TemplateExpression(.int(advance().integer), place)
        case .float:
            return TemplateExpression(.float(advance().float), place)
        case .symbol where token.text == "(":
            _ = advance()
            let inner = try parseTuple(parenthesized: true)
            _ = try expect(.symbol, ")")
            return inner
        case .symbol where token.text == "[":
            _ = advance()
            var items: [TemplateExpression] = []
            while !current.isSymbol("]") {
                if !items.isEmpty { _ = try expect(.symbol, ",") }
                if current.isSymbol("]") { break }
                items.append(try parseExpression())
            }
            _ = try expect(.symbol, "]")
            return TemplateExpression(.list(items), place)
        case .symbol where token.text == "{":
            _ = advance()
            var pairs: [(key: TemplateExpression, value: TemplateExpression)] = []
            while !current.isSymbol("}") {
                if !pairs.isEmpty { _ = try expect(.symbol, ",") }
                if current.isSymbol("}") { break }
                let key = try parseExpression()
                _ = try expect(.symbol, ":")
                pairs.append((key, try parseExpression()))
            }
            _ = try expect(.symbol, "}")
            return TemplateExpression(.dict(pairs), place)
        default:
            if token.kind == .end { throw fail("unexpected end of template") }
            throw fail("unexpected '\(token.summary)'")
        }
    }

    private mutating func parsePostfix(_ start: TemplateExpression) throws -> TemplateExpression {
        var node = start
        while true {
            if current.isSymbol(".") || current.isSymbol("[") {
                node = try parseSubscript(node)
            } else if current.isSymbol("(") {
                node = try parseCall(node)
            } else {
                return node
            }
        }
    }

    private mutating func parseFilterExpression(_ start: TemplateExpression) throws -> TemplateExpression {
        var node = start
        while true {
            if current.isSymbol("|") {
                node = try parseFilter(node) ?? node
            } else if current.isName("is") {
                node = try parseTest(node)
            } else if current.isSymbol("(") {
                node = try parseCall(node)
            } else {
                return node
            }
        }
    }

    private mutating func parseSubscript(_ owner: TemplateExpression) throws -> TemplateExpression {
        let token = advance()
        let place = location(token)
        if token.text == "." {
            let attribute = advance()
            if attribute.kind == .name { return TemplateExpression(.attribute(owner, attribute.text), place) }
            guard attribute.kind == .integer else { throw fail("expected name or number", at: attribute) }
            return TemplateExpression(.item(owner, TemplateExpression(.int(attribute.integer), location(attribute))), place)
        }
        var items: [TemplateExpression] = []
        while !current.isSymbol("]") {
            if !items.isEmpty { _ = try expect(.symbol, ",") }
            items.append(try parseSubscribed())
        }
        _ = try expect(.symbol, "]")
        let key = items.count == 1 ? items[0] : TemplateExpression(.tuple(items), place)
        return TemplateExpression(.item(owner, key), place)
    }

    private mutating func parseSubscribed() throws -> TemplateExpression {
        let place = location(current)
        var parts: [TemplateExpression?] = []
        if skipSymbol(":") {
            parts = [nil]
        } else {
            let node = try parseExpression()
            guard skipSymbol(":") else { return node }
            parts = [node]
        }
        if current.isSymbol(":") || current.isSymbol("]") || current.isSymbol(",") {
            parts.append(nil)
        } else {
            parts.append(try parseExpression())
        }
        if skipSymbol(":") {
            parts.append(current.isSymbol("]") || current.isSymbol(",") ? nil : try parseExpression())
        } else {
            parts.append(nil)
        }
        return TemplateExpression(.slice(start: parts[0], stop: parts[1], step: parts[2]), place)
    }

    private mutating func parseArguments() throws -> TemplateArguments {
        let open = try expect(.symbol, "(")
        var arguments = TemplateArguments()
        var requireComma = false
        func ensure(_ condition: Bool) throws {
            if !condition { throw fail("invalid syntax for function call expression", at: open) }
        }
        while !current.isSymbol(")") {
            if requireComma {
                _ = try expect(.symbol, ",")
                if current.isSymbol(")") { break }
            }
            if skipSymbol("*") {
                try ensure(arguments.star == nil && arguments.doubleStar == nil)
                arguments.star = try parseExpression()
            } else if skipSymbol("**") {
                try ensure(arguments.doubleStar == nil)
                arguments.doubleStar = try parseExpression()
            } else if current.kind == .name && next.isSymbol("=") {
                try ensure(arguments.doubleStar == nil)
                let name = advance().text
                _ = advance()
                arguments.keywords.append((name, try parseExpression()))
            } else {
                try ensure(arguments.star == nil && arguments.doubleStar == nil && arguments.keywords.isEmpty)
                arguments.positional.append(try parseExpression())
            }
            requireComma = true
        }
        _ = try expect(.symbol, ")")
        return arguments
    }

    private mutating func parseCall(_ callee: TemplateExpression) throws -> TemplateExpression {
        let place = location(current)
        return TemplateExpression(.call(callee, try parseArguments()), place)
    }

    private mutating func parseFilter(_ operand: TemplateExpression?, startInline: Bool = false) throws -> TemplateExpression? {
        var node = operand
        var inline = startInline
        while current.isSymbol("|") || inline {
            if !inline { _ = advance() }
            let token = try expect(.name)
            var name = token.text
            while skipSymbol(".") { name += "." + (try expect(.name).text) }
            guard TemplateBuiltins.filterNames.contains(name) else {
                throw ChatTemplateError(
                    kind: .syntax, exceptionName: "TemplateAssertionError", message: "No filter named '\(name)'.",
                    line: location(token).line, column: location(token).column)
            }
            let arguments = current.isSymbol("(") ? try parseArguments() : TemplateArguments()
            node = TemplateExpression(.filter(node, name: name, arguments), location(token))
            inline = false
        }
        return node
    }

    private mutating func parseTest(_ operand: TemplateExpression) throws -> TemplateExpression {
        let place = location(advance())
        let negated = skipName("not")
        let token = try expect(.name)
        var name = token.text
        while skipSymbol(".") { name += "." + (try expect(.name).text) }
        guard TemplateBuiltins.testNames.contains(name) else {
            throw ChatTemplateError(
                kind: .syntax, exceptionName: "TemplateAssertionError", message: "No test named '\(name)'.",
                line: location(token).line, column: location(token).column)
        }
        var arguments = TemplateArguments()
        if current.isSymbol("(") {
            arguments = try parseArguments()
        } else if Self.startsTestArgument(current) {
            if current.isName("is") { throw fail("You cannot chain multiple tests with is") }
            arguments.positional = [try parsePostfix(try parsePrimary())]
        }
        let test = TemplateExpression(.test(operand, name: name, arguments), place)
        return negated ? TemplateExpression(.not(test), place) : test
    }

    private static func startsTestArgument(_ token: TemplateToken) -> Bool {
        switch token.kind {
        case .name: return !["else", "or", "and"].contains(token.text)
        case .string, .integer, .float: return true
        case .symbol: return token.text == "(" || token.text == "[" || token.text == "{"
        default: return false
        }
    }
}
