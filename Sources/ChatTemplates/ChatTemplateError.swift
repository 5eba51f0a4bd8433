/// An error from compiling or rendering a chat template, or from reading a chat's input.
///
/// `exceptionName` is the Python exception that transformers 5.24 (jinja2 3.1.6) raises for the
/// same template and input (`UndefinedError`, `TemplateError` from `raise_exception`, `TypeError`,
/// `TemplateSyntaxError`, …), so callers can match on it; `message` follows jinja2's wording where
/// transformers surfaces it. Constructs the engine lacks and exceeded limits have their own kinds.
public struct ChatTemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The template text is not valid (jinja2's `TemplateSyntaxError`, `TemplateAssertionError`).
        case syntax
        /// A template used an undefined value in a way jinja2 refuses (`UndefinedError`).
        case undefined
        /// The template called `raise_exception(message)`.
        case raised
        /// Another Python error the reference raises at render time (`TypeError`, `ValueError`, …).
        case runtime
        /// The template asked for something the sandbox refuses (`SecurityError`).
        case security
        /// A construct this engine does not implement; nothing was rendered.
        case unsupported
        /// A resource limit was reached (output size, steps, recursion depth, nesting).
        case limitExceeded
        /// The chat input is not usable (what transformers rejects with `ValueError`/`TypeError`).
        case invalidInput
    }

    /// What went wrong.
    public let kind: Kind
    /// The Python exception the reference raises (`""` when it has none, e.g. for limits).
    public let exceptionName: String
    /// The message, as the reference words it where it has one.
    public let message: String
    /// The 1-based line in the template, when known.
    public let line: Int?
    /// The 1-based column in the template, when known.
    public let column: Int?

    /// An error.
    public init(kind: Kind, exceptionName: String, message: String, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.exceptionName = exceptionName
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        var text = message
        if let line {
            text += " at line \(line)"
            if let column { text += ", column \(column)" }
        }
        return text
    }
}

/// A failure inside the interpreter, before it knows where in the template it happened.
enum RenderFailure: Error {
    /// A Python exception with its message.
    case python(String, String)
    /// A construct the engine lacks, named (`filter 'xmlattr'`).
    case unsupported(String)
    /// A limit, named.
    case limit(String)
    /// Already located.
    case located(ChatTemplateError)

    func located(line: Int, column: Int) -> ChatTemplateError {
        switch self {
        case let .python(exception, message):
            return ChatTemplateError(
                kind: Self.kind(of: exception), exceptionName: exception, message: message, line: line, column: column)
        case let .unsupported(construct):
            return ChatTemplateError(
                kind: .unsupported, exceptionName: "", message: "unsupported \(construct)", line: line, column: column)
        case let .limit(text):
            return ChatTemplateError(kind: .limitExceeded, exceptionName: "", message: text, line: line, column: column)
        case let .located(error):
            return error
        }
    }

    static func kind(of exception: String) -> ChatTemplateError.Kind {
        switch exception {
        case "UndefinedError": return .undefined
        case "TemplateError": return .raised
        case "SecurityError": return .security
        case "TemplateSyntaxError", "TemplateAssertionError": return .syntax
        default: return .runtime
        }
    }

    static func type(_ message: String) -> RenderFailure { .python("TypeError", message) }
    static func value(_ message: String) -> RenderFailure { .python("ValueError", message) }
}
