/// One token of a template, as jinja2's lexer yields it.
struct TemplateToken {
    enum Kind: Equatable {
        case data
        case variableBegin, variableEnd, blockBegin, blockEnd
        case name, string, integer, float, symbol
        case end
    }
    let kind: Kind
    /// The text: template data, a name, a string's value, or an operator.
    let text: String
    let integer: Int
    let float: Double
    /// Where the token starts (scalar offset in the newline-normalized source).
    let offset: Int

    init(_ kind: Kind, _ text: String = "", offset: Int, integer: Int = 0, float: Double = 0) {
        self.kind = kind
        self.text = text
        self.offset = offset
        self.integer = integer
        self.float = float
    }

    func isName(_ name: String) -> Bool { kind == .name && text == name }
    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }

    /// How jinja2's `describe_token` names the token in syntax errors.
    var summary: String {
        switch kind {
        case .data: return "template data"
        case .variableBegin: return "begin of print statement"
        case .variableEnd: return "end of print statement"
        case .blockBegin: return "begin of statement block"
        case .blockEnd: return "end of statement block"
        case .name, .symbol: return text
        case .string: return "string"
        case .integer: return "integer"
        case .float: return "float"
        case .end: return "end of template"
        }
    }
}
