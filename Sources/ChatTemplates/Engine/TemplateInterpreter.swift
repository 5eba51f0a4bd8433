/// Runs a compiled template: statements, scopes, output buffers, generation spans and limits.
final class TemplateInterpreter {
    let limits: RenderLimits
    let clock: TemplateClock
    /// Output buffers: the root, then one per block being captured (macros, `set` blocks, …).
    private var buffers: [String] = [""]
    /// The length of the root output in Unicode scalars (transformers' generation offsets).
    private var rootScalars = 0
    private var outputBytes = 0
    private var steps = 0
    private var callDepth = 0
    private let trackGeneration: Bool
    private(set) var generationSpans: [Range<Int>] = []
    /// The construct being evaluated, for error locations.
    var location = SourceLocation(line: 1, column: 1)
    /// The macros this render made, detached from their scopes when it ends.
    private var macros: [Macro] = []

    enum Flow { case normal, breakLoop, continueLoop }

    init(limits: RenderLimits, clock: TemplateClock, trackGeneration: Bool) {
        self.limits = limits
        self.clock = clock
        self.trackGeneration = trackGeneration
    }

    /// Runs the template body in `scope` and returns the root output.
    func render(_ body: [TemplateStatement], scope: Scope) throws -> String {
        defer {
            for macro in macros { macro.detach() }
            macros.removeAll()
        }
        do {
            _ = try run(body, scope)
        } catch let failure as RenderFailure {
            throw failure.located(line: location.line, column: location.column)
        }
        return buffers[0]
    }

    func step() throws {
        steps += 1
        if steps > limits.maximumSteps {
            throw RenderFailure.limit("the render took more than \(limits.maximumSteps) steps (maximumSteps)")
        }
    }

    private func emit(_ text: String) throws {
        guard !text.isEmpty else { return }
        outputBytes += text.utf8.count
        if outputBytes > limits.maximumOutputBytes {
            throw RenderFailure.limit("the output would exceed \(limits.maximumOutputBytes) bytes (maximumOutputBytes)")
        }
        buffers[buffers.count - 1] += text
        if trackGeneration && buffers.count == 1 { rootScalars += text.unicodeScalars.count }
    }

    /// Runs `body` with its output captured, and returns that output.
    func capture(_ body: () throws -> Void) throws -> String {
        buffers.append("")
        defer { buffers.removeLast() }
        try body()
        return buffers[buffers.count - 1]
    }

    func run(_ body: [TemplateStatement], _ scope: Scope) throws -> Flow {
        for statement in body {
            try step()
            location = statement.location
            switch statement.kind {
            case let .data(text):
                try emit(text)
            case let .output(expression):
                let value = try evaluate(expression, scope)
                location = expression.location
                try emit(try value.printed())
            case let .conditional(branches, otherwise):
                var chosen = otherwise
                for branch in branches {
                    if TemplateOperators.truthy(try evaluate(branch.test, scope)) {
                        chosen = branch.body
                        break
                    }
                }
                let flow = try run(chosen, scope)
                if flow != .normal { return flow }
            case let .loop(loop):
                try runLoop(loop, scope)
            case let .assign(target, expression):
                let value = try evaluate(expression, scope)
                location = statement.location
                try assign(target, value, in: scope)
            case let .assignBlock(target, filter, body):
                var text = Value.string(try capture { _ = try run(body, scope) })
                if let filter { text = try applyFilterChain(filter, to: text, scope) }
                try assign(target, text, in: scope)
            case let .macro(definition):
                scope.set(definition.name, .callable(.macro(makeMacro(definition, scope))))
            case let .callBlock(definition, callExpression):
                let caller = Value.callable(.macro(makeMacro(definition, scope)))
                guard case let .call(callee, arguments) = callExpression.kind else { break }
                var bound = try evaluateArguments(arguments, scope)
                bound.keywords.append(("caller", caller))
                let function = try evaluate(callee, scope)
                location = callExpression.location
                try emit(try call(function, bound).printed())
            case let .filterBlock(filter, body):
                let text = try capture { _ = try run(body, scope) }
                try emit(try applyFilterChain(filter, to: .string(text), scope).printed())
            case let .with(targets, values, body):
                let inner = Scope(parent: scope)
                for (target, expression) in zip(targets, values) {
                    try assign(target, try evaluate(expression, scope), in: inner)
                }
                let flow = try run(body, inner)
                if flow != .normal { return flow }
            case .breakLoop:
                return .breakLoop
            case .continueLoop:
                return .continueLoop
            case let .generation(body):
                let start = rootScalars
                let text = try capture { _ = try run(body, scope) }
                if trackGeneration { generationSpans.append(start..<(start + text.unicodeScalars.count)) }
                try emit(text)
            case let .unsupported(construct):
                throw RenderFailure.unsupported(construct)
            }
        }
        return .normal
    }

    /// A filter chain as parsed for `set` and `filter` blocks: the innermost filter has no operand.
    private func applyFilterChain(_ filter: TemplateExpression, to value: Value, _ scope: Scope) throws -> Value {
        guard case let .filter(operand, name, arguments) = filter.kind else { return value }
        let input = try operand.map { try applyFilterChain($0, to: value, scope) } ?? value
        location = filter.location
        return try applyFilter(name, to: input, arguments: try evaluateArguments(arguments, scope))
    }

    private func runLoop(_ loop: ForLoop, _ scope: Scope) throws {
        let iterable = try evaluate(loop.iterable, scope)
        location = loop.iterable.location
        if loop.recursive { throw RenderFailure.unsupported("recursive for loop") }
        var items = try iterate(iterable)
        if let filter = loop.filter {
            var kept: [Value] = []
            for item in items {
                try step()
                let probe = Scope(parent: scope)
                try assign(loop.target, item, in: probe)
                if TemplateOperators.truthy(try evaluate(filter, probe)) { kept.append(item) }
            }
            items = kept
        }
        try limits.checkItems(items.count)
        let context = LoopContext(items: items, depth0: 0)
        for (index, item) in items.enumerated() {
            try step()
            context.index0 = index
            let iteration = Scope(parent: scope)
            try assign(loop.target, item, in: iteration)
            iteration.set("loop", .loop(context))
            if try run(loop.body, iteration) == .breakLoop { break }
        }
        if items.isEmpty { _ = try run(loop.otherwise, Scope(parent: scope)) }
    }

    func assign(_ target: AssignTarget, _ value: Value, in scope: Scope) throws {
        switch target {
        case let .name(name):
            scope.set(name, value)
        case let .tuple(targets):
            let items = try iterate(value)
            if items.count < targets.count {
                throw RenderFailure.value("not enough values to unpack (expected \(targets.count), got \(items.count))")
            }
            if items.count > targets.count {
                throw RenderFailure.value("too many values to unpack (expected \(targets.count))")
            }
            for (target, item) in zip(targets, items) { try assign(target, item, in: scope) }
        case let .namespaceAttribute(name, attribute):
            guard case let .namespace(namespace)? = scope.lookup(name) else {
                throw RenderFailure.python("TemplateRuntimeError", "cannot assign attribute on non-namespace object")
            }
            try TemplateGlobals.checkNamespaceName(attribute)
            namespace.attributes.set(attribute, value)
        }
    }

    /// The items of an iterable value, as Python's `iter()` yields them.
    func iterate(_ value: Value) throws -> [Value] {
        switch value {
        case .undefined: return []
        case let .list(items), let .tuple(items), let .view(_, items): return items
        case let .string(text): return text.unicodeScalars.map { .string(String($0)) }
        case let .dict(dictionary): return dictionary.keys
        case let .range(start, stop, step): return TemplateOperators.rangeElements(start, stop, step)
        case let .iterator(iterator): return iterator.drain()
        case let .loop(loop): return loop.items
        default: throw RenderFailure.type("'\(value.typeName)' object is not iterable")
        }
    }

    private func makeMacro(_ definition: MacroDefinition, _ scope: Scope) -> Macro {
        let macro = Macro(definition, scope: scope)
        macros.append(macro)
        return macro
    }

    /// Calls a macro.
    func callMacro(_ macro: Macro, _ arguments: CallArguments) throws -> Value {
        let definition = macro.definition
        callDepth += 1
        defer { callDepth -= 1 }
        if callDepth > limits.maximumCallDepth {
            throw RenderFailure.limit("macro calls nest deeper than \(limits.maximumCallDepth) (maximumCallDepth)")
        }
        let frame = Scope(parent: macro.scope)
        let parameters = definition.parameters
        var extra: [Value] = []
        for (index, value) in arguments.positional.enumerated() {
            if index < parameters.count {
                frame.set(parameters[index].name, value)
            } else {
                extra.append(value)
            }
        }
        if !extra.isEmpty && !definition.readsVarargs {
            throw RenderFailure.type("macro '\(definition.name)' takes not more than \(parameters.count) argument(s)")
        }
        var keywords = ValueDictionary()
        var caller: Value?
        for (name, value) in arguments.keywords {
            if let index = parameters.firstIndex(where: { $0.name == name }) {
                if index < arguments.positional.count {
                    throw RenderFailure.type("macro '\(definition.name)' got multiple values for argument '\(name)'")
                }
                frame.set(name, value)
            } else if name == "caller" && definition.readsCaller {
                caller = value
            } else if definition.readsKwargs {
                keywords.set(name, value)
            } else {
                throw RenderFailure.type("macro '\(definition.name)' takes no keyword argument '\(name)'")
            }
        }
        for (index, parameter) in parameters.enumerated() where index >= arguments.positional.count {
            guard !arguments.keywords.contains(where: { $0.name == parameter.name }) else { continue }
            if let fallback = parameter.defaultValue {
                frame.set(parameter.name, try evaluate(fallback, frame))
            } else {
                frame.set(
                    parameter.name,
                    .undefined(Undefined(reason: .hint("parameter '\(parameter.name)' was not provided", exception: "UndefinedError"))))
            }
        }
        if definition.readsVarargs { frame.set("varargs", .tuple(extra)) }
        if definition.readsKwargs { frame.set("kwargs", .dict(keywords)) }
        if definition.readsCaller {
            frame.set("caller", caller ?? .undefined(Undefined(reason: .hint("No caller defined", exception: "UndefinedError"))))
        }
        let saved = location
        let text = try capture { _ = try run(definition.body, frame) }
        location = saved
        return .string(text)
    }
}
