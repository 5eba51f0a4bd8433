/// A chat template compiled once: the Jinja dialect transformers 5.24 runs for
/// `apply_chat_template` (jinja2 3.1.6's `ImmutableSandboxedEnvironment` with `trim_blocks`,
/// `lstrip_blocks`, loop controls, `{% generation %}`, and transformers' `tojson`,
/// `raise_exception`, `strftime_now`, `dict` and `namespace`). Immutable and `Sendable`: share one
/// between threads and render it any number of times.
///
/// Whatever the template uses that the engine lacks fails with a `ChatTemplateError` of kind
/// `.unsupported` naming the construct and its line and column; nothing is rendered wrong.
public struct ChatTemplate: Sendable {
    /// The template as given.
    public let source: String
    let body: [TemplateStatement]
    /// The template's literal strings (raw text and string constants) joined with NUL, as
    /// transformers' `_get_template_literal_text` builds them.
    public let literalText: String
    /// Whether the template has `{% generation %}` blocks (needed for assistant masks).
    public let hasGenerationBlocks: Bool

    /// Compiles `source`.
    /// - Throws: `ChatTemplateError` of kind `.syntax` (jinja2's `TemplateSyntaxError` or
    ///   `TemplateAssertionError` for unknown filters and tests), `.unsupported` or `.limitExceeded`.
    /// - Complexity: O(n) in the template's length.
    public init(_ source: String) throws {
        self.source = source
        var lexer = TemplateLexer(source)
        let tokens = try lexer.tokenize()
        var parser = TemplateParser(tokens: tokens, lines: SourceLines(lexer.source))
        body = try parser.parseTemplate()
        var unique: [String] = []
        var seen = Set<ScalarString>()
        for literal in parser.literals where seen.insert(ScalarString(literal)).inserted { unique.append(literal) }
        literalText = unique.joined(separator: "\0")
        hasGenerationBlocks = tokens.indices.contains { index in
            tokens[index].kind == .blockBegin && index + 1 < tokens.count && tokens[index + 1].isName("generation")
        }
    }

    /// How one render runs.
    public struct RenderOptions: Sendable {
        /// Resource limits.
        public var limits: RenderLimits
        /// The clock `strftime_now` reads.
        public var clock: TemplateClock
        /// Whether to record the spans of `{% generation %}` blocks.
        public var recordGenerationSpans: Bool

        /// Options.
        public init(limits: RenderLimits = .standard, clock: TemplateClock = .system, recordGenerationSpans: Bool = false) {
            self.limits = limits
            self.clock = clock
            self.recordGenerationSpans = recordGenerationSpans
        }
    }

    /// The text a render produced, with the spans of its `{% generation %}` blocks.
    public struct Rendering: Sendable, Equatable {
        /// The rendered text.
        public var text: String
        /// Each generation block's output as offsets in Unicode scalars (Python string indices)
        /// into `text`, as transformers' `AssistantTracker` records them.
        public var generationSpans: [Range<Int>]
    }

    /// Renders the template with these variables (the template's global names).
    /// - Throws: `ChatTemplateError`.
    public func render(variables: TemplateDictionary, options: RenderOptions = RenderOptions()) throws -> Rendering {
        let root = Scope(parent: nil, capacity: variables.count)
        for (name, value) in variables.entries {
            root.set(name, try Value(value, depth: 0, limit: options.limits.maximumValueDepth))
        }
        let interpreter = TemplateInterpreter(
            limits: options.limits, clock: options.clock, trackGeneration: options.recordGenerationSpans)
        let text = try interpreter.render(body, scope: Scope(parent: root))
        return Rendering(text: text, generationSpans: interpreter.generationSpans)
    }
}

extension Value {
    /// A template value as the interpreter holds it.
    init(_ value: TemplateValue, depth: Int, limit: Int) throws {
        if depth > limit {
            throw ChatTemplateError(
                kind: .limitExceeded, exceptionName: "", message: "input values nest deeper than \(limit) (maximumValueDepth)")
        }
        switch value {
        case .none: self = .none
        case let .bool(flag): self = .bool(flag)
        case let .int(number): self = .int(number)
        case let .float(number): self = .float(number)
        case let .string(text): self = .string(text)
        case let .list(items): self = .list(try items.map { try Value($0, depth: depth + 1, limit: limit) })
        case let .dictionary(dictionary):
            var converted = ValueDictionary(capacity: dictionary.count)
            for (key, item) in dictionary.entries { converted.append(unique: key, try Value(item, depth: depth + 1, limit: limit)) }
            self = .dict(converted)
        }
    }
}
