/// A statement of the template language (template data, output, and the block tags).
struct TemplateStatement: Sendable {
    indirect enum Kind: Sendable {
        case data(String)
        case output(TemplateExpression)
        case conditional(branches: [(test: TemplateExpression, body: [TemplateStatement])], otherwise: [TemplateStatement])
        case loop(ForLoop)
        case assign(AssignTarget, TemplateExpression)
        case assignBlock(AssignTarget, filter: TemplateExpression?, body: [TemplateStatement])
        case macro(MacroDefinition)
        case callBlock(MacroDefinition, call: TemplateExpression)
        case filterBlock(TemplateExpression, body: [TemplateStatement])
        case with(targets: [AssignTarget], values: [TemplateExpression], body: [TemplateStatement])
        case breakLoop
        case continueLoop
        case generation([TemplateStatement])
        /// A tag the engine parses but does not run (`include`, `import`, `extends`, `block`, …).
        case unsupported(String)
    }

    let kind: Kind
    let location: SourceLocation

    init(_ kind: Kind, _ location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

/// `{% for target in iterable if filter %}body{% else %}otherwise{% endfor %}`.
struct ForLoop: Sendable {
    let target: AssignTarget
    let iterable: TemplateExpression
    let filter: TemplateExpression?
    let body: [TemplateStatement]
    let otherwise: [TemplateStatement]
    let recursive: Bool
}

/// Where `set` and `for` store values.
indirect enum AssignTarget: Sendable {
    case name(String)
    case tuple([AssignTarget])
    case namespaceAttribute(String, String)
}

/// A macro (or the body of a call block): parameters with defaults, body, and whether the body
/// reads `varargs`, `kwargs` or `caller`.
final class MacroDefinition: Sendable {
    let name: String
    let parameters: [(name: String, defaultValue: TemplateExpression?)]
    let body: [TemplateStatement]
    let readsVarargs: Bool
    let readsKwargs: Bool
    let readsCaller: Bool

    init(
        name: String, parameters: [(name: String, defaultValue: TemplateExpression?)], body: [TemplateStatement],
        reads: Set<String>
    ) {
        self.name = name
        self.parameters = parameters
        self.body = body
        readsVarargs = reads.contains("varargs")
        readsKwargs = reads.contains("kwargs")
        readsCaller = reads.contains("caller")
    }
}
