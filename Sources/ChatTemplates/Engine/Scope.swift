/// A frame of variables: the template's root, a loop iteration, a macro call or a `with` block.
/// Frames hold few names, so they are searched in order rather than hashed.
final class Scope {
    private var names: [String] = []
    private var values: [Value] = []
    let parent: Scope?

    init(parent: Scope?, capacity: Int = 2) {
        self.parent = parent
        names.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    func lookup(_ name: String) -> Value? {
        var scope: Scope? = self
        while let current = scope {
            if let index = current.names.firstIndex(of: name) { return current.values[index] }
            scope = current.parent
        }
        return nil
    }

    func set(_ name: String, _ value: Value) {
        if let index = names.firstIndex(of: name) {
            values[index] = value
        } else {
            names.append(name)
            values.append(value)
        }
    }
}

/// A macro with the scope it was defined in (names it does not bind are looked up there when it
/// runs, as jinja2 does).
final class Macro {
    let definition: MacroDefinition
    let scope: Scope
    init(_ definition: MacroDefinition, scope: Scope) {
        self.definition = definition
        self.scope = scope
    }
}

/// Arguments as a call receives them.
struct CallArguments {
    var positional: [Value] = []
    var keywords: [(name: String, value: Value)] = []

    /// Binds to Python-style parameters: each name with its default (nil: required).
    /// - Throws: `TypeError` worded as Python's.
    func bind(_ function: String, _ parameters: [(String, Value?)]) throws -> [Value] {
        if keywords.isEmpty && positional.count <= parameters.count
            && parameters[positional.count...].allSatisfy({ $0.1 != nil })
        {
            return positional + parameters[positional.count...].map { $0.1 ?? .none }
        }
        if positional.count > parameters.count {
            throw RenderFailure.type(
                "\(function)() takes at most \(parameters.count) argument\(parameters.count == 1 ? "" : "s") (\(positional.count) given)")
        }
        var bound: [Value?] = positional.map { $0 }
        bound += Array(repeating: nil, count: parameters.count - positional.count)
        for (name, value) in keywords {
            guard let index = parameters.firstIndex(where: { $0.0 == name }) else {
                throw RenderFailure.type("\(function)() got an unexpected keyword argument '\(name)'")
            }
            if bound[index] != nil { throw RenderFailure.type("\(function)() got multiple values for argument '\(name)'") }
            bound[index] = value
        }
        return try bound.enumerated().map { index, value in
            if let value { return value }
            if let fallback = parameters[index].1 { return fallback }
            throw RenderFailure.type("\(function)() missing required argument: '\(parameters[index].0)'")
        }
    }

    func keyword(_ name: String) -> Value? { keywords.first { $0.name == name }?.value }
}
