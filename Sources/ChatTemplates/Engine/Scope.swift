/// A frame of variables: the template's root, a loop iteration, a macro call or a `with` block.
/// Frames hold few names, so they are searched in order rather than hashed; the first two live in
/// the frame itself (a loop iteration binds its target and `loop`), so most frames allocate no
/// arrays.
final class Scope {
    private var firstName: String?
    private var firstValue: Value = .none
    private var secondName: String?
    private var secondValue: Value = .none
    private var names: [String] = []
    private var values: [Value] = []
    let parent: Scope?

    init(parent: Scope?, capacity: Int = 0) {
        self.parent = parent
        if capacity > 2 {
            names.reserveCapacity(capacity - 2)
            values.reserveCapacity(capacity - 2)
        }
    }

    func lookup(_ name: String) -> Value? {
        var current = self
        while true {
            if let value = current.local(name) { return value }
            guard let next = current.parent else { return nil }
            current = next
        }
    }

    /// The value bound to `name` in this frame alone.
    private func local(_ name: String) -> Value? {
        if firstName == name { return firstValue }
        if secondName == name { return secondValue }
        if !names.isEmpty, let index = names.firstIndex(of: name) { return values[index] }
        return nil
    }

    func set(_ name: String, _ value: Value) {
        if firstName == nil || firstName == name {
            firstName = name
            firstValue = value
        } else if secondName == nil || secondName == name {
            secondName = name
            secondValue = value
        } else if let index = names.firstIndex(of: name) {
            values[index] = value
        } else {
            names.append(name)
            values.append(value)
        }
    }
}

/// A macro with the scope it was defined in (names it does not bind are looked up there when it
/// runs, as jinja2 does).
///
/// The scope usually holds the macro too (`{% macro m() %}` binds `m` there), a reference cycle
/// that the interpreter breaks with `detach()` when the render ends.
final class Macro {
    let definition: MacroDefinition
    private(set) var scope: Scope?
    init(_ definition: MacroDefinition, scope: Scope) {
        self.definition = definition
        self.scope = scope
    }

    /// Lets go of the defining scope (after the render: the macro is not called again).
    func detach() { scope = nil }
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
