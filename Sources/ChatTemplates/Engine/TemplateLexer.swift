/// Splits a template into tokens exactly as jinja2 3.1.6's lexer does with `trim_blocks` and
/// `lstrip_blocks` on: newlines normalized to `\n`, one trailing newline dropped, `-`/`+`
/// whitespace control, raw blocks and comments.
struct TemplateLexer {
    let source: [Unicode.Scalar]
    private var tokens: [TemplateToken] = []
    private var position = 0
    private var lineStarting = true

    /// - Parameter text: the template as written.
    init(_ text: String) {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
                previousCR = true
                continue
            }
            if scalar == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            scalars.append(scalar)
        }
        if scalars.last == "\n" { scalars.removeLast() }
        source = scalars
    }

    /// The tokens, ending with `.end`.
    mutating func tokenize() throws -> [TemplateToken] {
        while position < source.count {
            guard let tagStart = nextTagStart(from: position) else {
                emitData(position, source.count)
                position = source.count
                break
            }
            let kind = source[tagStart + 1]
            var after = tagStart + 2
            var sign: Unicode.Scalar?
            if after < source.count, source[after] == "-" || source[after] == "+" {
                sign = source[after]
                after += 1
            }
            let rawEnd = kind == "%" ? rawBeginEnd(at: after) : nil
            var textEnd = tagStart
            if sign == "-" {
                while textEnd > position, PythonCharacters.isSpace(source[textEnd - 1]) { textEnd -= 1 }
            } else if sign != "+" && kind != "{" {
                textEnd = lstripped(position, tagStart)
            }
            emitData(position, textEnd)
            lineStarting = false
            if let rawEnd {
                position = rawEnd
                try lexRaw()
                continue
            }
            switch kind {
            case "#":
                try skipComment(from: after)
            case "%":
                tokens.append(TemplateToken(.blockBegin, offset: tagStart))
                position = after
                try lexTag(block: true)
            default:
                tokens.append(TemplateToken(.variableBegin, offset: tagStart))
                position = after
                try lexTag(block: false)
            }
        }
        tokens.append(TemplateToken(.end, offset: source.count))
        return tokens
    }

    private func nextTagStart(from start: Int) -> Int? {
        var index = start
        while index + 1 < source.count {
            if source[index] == "{" {
                let next = source[index + 1]
                if next == "{" || next == "%" || next == "#" { return index }
            }
            index += 1
        }
        return nil
    }

    /// `lstrip_blocks`: drop the spaces between the last newline (or a line start) and the tag.
    private func lstripped(_ start: Int, _ end: Int) -> Int {
        var lineStart = end
        while lineStart > start, source[lineStart - 1] != "\n" { lineStart -= 1 }
        guard lineStart > start || lineStarting, lineStart < end else { return end }
        for index in lineStart..<end where !PythonCharacters.isSpace(source[index]) { return end }
        return lineStart
    }

    private mutating func emitData(_ start: Int, _ end: Int) {
        guard end > start else { return }
        var text = ""
        text.unicodeScalars.append(contentsOf: source[start..<end])
        tokens.append(TemplateToken(.data, text, offset: start))
    }

    /// After `{%` and its sign: `\s*raw\s*(-%}\s*|%})`; returns where the raw content starts.
    private func rawBeginEnd(at start: Int) -> Int? {
        var index = skipSpaces(start)
        guard matches("raw", at: index) else { return nil }
        index = skipSpaces(index + 3)
        if matches("-%}", at: index) { return skipSpaces(index + 3) }
        if matches("%}", at: index) { return index + 2 }
        return nil
    }

    private mutating func lexRaw() throws {
        var index = position
        while index < source.count {
            if source[index] == "{", index + 1 < source.count, source[index + 1] == "%" {
                var cursor = index + 2
                var sign: Unicode.Scalar?
                if cursor < source.count, source[cursor] == "-" || source[cursor] == "+" {
                    sign = source[cursor]
                    cursor += 1
                }
                cursor = skipSpaces(cursor)
                if matches("endraw", at: cursor) {
                    cursor = skipSpaces(cursor + 6)
                    if let end = blockEnd(at: cursor) {
                        var textEnd = index
                        if sign == "-" {
                            while textEnd > position, PythonCharacters.isSpace(source[textEnd - 1]) { textEnd -= 1 }
                        } else if sign != "+" {
                            textEnd = lstripped(position, index)
                        }
                        emitData(position, textEnd)
                        position = end
                        lineStarting = end > 0 && source[end - 1] == "\n"
                        return
                    }
                }
            }
            index += 1
        }
        throw syntaxError("Missing end of raw directive", at: position)
    }

    /// `+%}`, `-%}\s*` or `%}\n?` at `index`; returns the position after it.
    private func blockEnd(at index: Int) -> Int? {
        if matches("+%}", at: index) { return index + 3 }
        if matches("-%}", at: index) { return skipSpaces(index + 3) }
        if matches("%}", at: index) {
            return index + 2 < source.count && source[index + 2] == "\n" ? index + 3 : index + 2
        }
        return nil
    }

    private mutating func skipComment(from start: Int) throws {
        var index = start
        while index < source.count {
            if matches("+#}", at: index) {
                finishComment(at: index + 3)
                return
            }
            if matches("-#}", at: index) {
                finishComment(at: skipSpaces(index + 3))
                return
            }
            if matches("#}", at: index) {
                finishComment(at: index + 2 < source.count && source[index + 2] == "\n" ? index + 3 : index + 2)
                return
            }
            index += 1
        }
        throw syntaxError("Missing end of comment tag", at: start)
    }

    private mutating func finishComment(at end: Int) {
        position = end
        lineStarting = source[end - 1] == "\n"
    }

    private mutating func lexTag(block: Bool) throws {
        var balance: [Unicode.Scalar] = []
        while position < source.count {
            if balance.isEmpty {
                if block, let end = blockEnd(at: position) {
                    tokens.append(TemplateToken(.blockEnd, offset: position))
                    position = end
                    lineStarting = source[end - 1] == "\n"
                    return
                }
                if !block {
                    if matches("-}}", at: position) {
                        tokens.append(TemplateToken(.variableEnd, offset: position))
                        position = skipSpaces(position + 3)
                        lineStarting = source[position - 1] == "\n"
                        return
                    }
                    if matches("}}", at: position) {
                        tokens.append(TemplateToken(.variableEnd, offset: position))
                        position += 2
                        return
                    }
                }
            }
            let scalar = source[position]
            if PythonCharacters.isSpace(scalar) {
                position = skipSpaces(position)
                continue
            }
            if PythonCharacters.isDigit(scalar), try lexNumber() { continue }
            if PythonCharacters.isNameCharacter(scalar) {
                let start = position
                while position < source.count, PythonCharacters.isNameCharacter(source[position]) { position += 1 }
                var name = ""
                name.unicodeScalars.append(contentsOf: source[start..<position])
                if PythonCharacters.isDigit(source[start]) {
                    throw syntaxError("Invalid character in identifier", at: start)
                }
                tokens.append(TemplateToken(.name, name, offset: start))
                continue
            }
            if scalar == "'" || scalar == "\"", let string = try lexString() {
                tokens.append(string)
                continue
            }
            guard let symbol = operatorAt(position) else {
                throw syntaxError("unexpected char '\(scalar.escaped(asASCII: false))' at \(position)", at: position)
            }
            switch symbol {
            case "(": balance.append(")")
            case "[": balance.append("]")
            case "{": balance.append("}")
            case ")", "]", "}":
                guard let expected = balance.popLast() else {
                    throw syntaxError("unexpected '\(symbol)'", at: position)
                }
                if String(expected) != symbol {
                    throw syntaxError("unexpected '\(symbol)', expected '\(expected)'", at: position)
                }
            default: break
            }
            tokens.append(TemplateToken(.symbol, symbol, offset: position))
            position += symbol.unicodeScalars.count
        }
    }

    private static let twoCharacterOperators: Set<String> = ["//", "**", "==", "!=", ">=", "<="]
    private static let oneCharacterOperators: Set<Unicode.Scalar> = [
        "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";",
    ]

    private func operatorAt(_ index: Int) -> String? {
        if index + 1 < source.count {
            var pair = ""
            pair.unicodeScalars.append(source[index])
            pair.unicodeScalars.append(source[index + 1])
            if Self.twoCharacterOperators.contains(pair) { return pair }
        }
        return Self.oneCharacterOperators.contains(source[index]) ? String(source[index]) : nil
    }

    /// jinja2's float rule, then its integer rule. Returns false when neither matches.
    private mutating func lexNumber() throws -> Bool {
        let start = position
        if start == 0 || source[start - 1] != "." {
            if let end = floatEnd(from: start) {
                var text = ""
                for scalar in source[start..<end] where scalar != "_" { text.unicodeScalars.append(scalar) }
                guard let value = Double(text) else { throw syntaxError("invalid float literal", at: start) }
                tokens.append(TemplateToken(.float, text, offset: start, float: value))
                position = end
                return true
            }
        }
        guard let (end, radix) = integerEnd(from: start) else { return false }
        var digits = ""
        for scalar in source[(radix == 10 ? start : start + 2)..<end] where scalar != "_" {
            digits.unicodeScalars.append(scalar)
        }
        guard let value = Int(digits, radix: radix) else {
            throw RenderFailure.unsupported("integer literal beyond 64 bits").located(
                line: lineColumn(start).line, column: lineColumn(start).column)
        }
        tokens.append(TemplateToken(.integer, digits, offset: start, integer: value))
        position = end
        return true
    }

    /// `(\d+_)*\d+`: the end of a run of digits with single underscores between them.
    private func digitRunEnd(from start: Int, digit: (Unicode.Scalar) -> Bool = PythonCharacters.isDigit) -> Int? {
        var index = start
        guard index < source.count, digit(source[index]) else { return nil }
        while true {
            while index < source.count, digit(source[index]) { index += 1 }
            if index + 1 < source.count, source[index] == "_", digit(source[index + 1]) {
                index += 1
            } else {
                return index
            }
        }
    }

    private func floatEnd(from start: Int) -> Int? {
        guard let whole = digitRunEnd(from: start) else { return nil }
        var index = whole
        var fraction = false
        if index < source.count, source[index] == ".", let end = digitRunEnd(from: index + 1) {
            index = end
            fraction = true
        }
        if index < source.count, source[index] == "e" || source[index] == "E" {
            var exponent = index + 1
            if exponent < source.count, source[exponent] == "+" || source[exponent] == "-" { exponent += 1 }
            if let end = digitRunEnd(from: exponent) { return end }
        }
        return fraction ? index : nil
    }

    private func integerEnd(from start: Int) -> (Int, Int)? {
        if source[start] == "0", start + 1 < source.count {
            let marker = source[start + 1]
            let radix: Int
            let digit: (Unicode.Scalar) -> Bool
            switch marker {
            case "b", "B": radix = 2; digit = { $0 == "0" || $0 == "1" }
            case "o", "O": radix = 8; digit = { $0 >= "0" && $0 <= "7" }
            case "x", "X": radix = 16; digit = PythonCharacters.isHexDigit
            default: radix = 10; digit = { $0 == "0" }
            }
            if radix != 10 {
                var index = start + 2
                var count = 0
                while index < source.count {
                    if digit(source[index]) {
                        index += 1
                        count += 1
                    } else if source[index] == "_", index + 1 < source.count, digit(source[index + 1]) {
                        index += 2
                        count += 1
                    } else {
                        break
                    }
                }
                if count > 0 { return (index, radix) }
            }
            return (digitRunEnd(from: start, digit: { $0 == "0" }) ?? start + 1, 10)
        }
        guard let end = digitRunEnd(from: start) else { return nil }
        return (end, 10)
    }

    /// A quoted string with Python's `unicode-escape` decoding of its escapes (after jinja2's
    /// `backslashreplace`, so a backslash before a non-ASCII character keeps its `\x..` spelling).
    private mutating func lexString() throws -> TemplateToken? {
        let quote = source[position]
        let start = position
        var index = position + 1
        while index < source.count, source[index] != quote {
            index += source[index] == "\\" ? 2 : 1
        }
        guard index < source.count else { return nil }
        position = index + 1
        var value = String.UnicodeScalarView()
        var cursor = start + 1
        while cursor < index {
            let scalar = source[cursor]
            cursor += 1
            guard scalar == "\\" else {
                value.append(scalar)
                continue
            }
            let escaped = source[cursor]
            cursor += 1
            switch escaped {
            case "\n": break
            case "\\", "'", "\"": value.append(escaped)
            case "a": value.append("\u{07}")
            case "b": value.append("\u{08}")
            case "f": value.append("\u{0C}")
            case "n": value.append("\n")
            case "r": value.append("\r")
            case "t": value.append("\t")
            case "v": value.append("\u{0B}")
            case "0"..."7":
                var code = escaped.value - 48
                var digits = 1
                while digits < 3, cursor < index, source[cursor] >= "0", source[cursor] <= "7" {
                    code = code * 8 + source[cursor].value - 48
                    cursor += 1
                    digits += 1
                }
                value.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            case "x", "u", "U":
                let width = escaped == "x" ? 2 : escaped == "u" ? 4 : 8
                var code: UInt32 = 0
                for offset in 0..<width {
                    guard cursor + offset < index, let digit = source[cursor + offset].hexValue else {
                        let name = escaped == "x" ? "\\xXX" : escaped == "u" ? "\\uXXXX" : "\\UXXXXXXXX"
                        throw syntaxError("truncated \(name) escape", at: start)
                    }
                    code = code &* 16 &+ digit
                }
                cursor += width
                guard let decoded = Unicode.Scalar(code) else {
                    if code > 0x10FFFF { throw syntaxError("illegal Unicode character", at: start) }
                    throw RenderFailure.unsupported("string literal with a lone surrogate").located(
                        line: lineColumn(start).line, column: lineColumn(start).column)
                }
                value.append(decoded)
            case "N":
                throw RenderFailure.unsupported("\\N{...} escape in a string literal").located(
                    line: lineColumn(start).line, column: lineColumn(start).column)
            default:
                value.append("\\")
                if escaped.isASCII {
                    value.append(escaped)
                } else {
                    let hex = String(escaped.value, radix: 16)
                    let spelled = escaped.value <= 0xFF ? "x" + hex : escaped.value <= 0xFFFF
                        ? "u" + String(repeating: "0", count: 4 - hex.count) + hex
                        : "U" + String(repeating: "0", count: 8 - hex.count) + hex
                    value.append(contentsOf: spelled.unicodeScalars)
                }
            }
        }
        return TemplateToken(.string, String(value), offset: start)
    }

    private func skipSpaces(_ start: Int) -> Int {
        var index = start
        while index < source.count, PythonCharacters.isSpace(source[index]) { index += 1 }
        return index
    }

    private func matches(_ text: String, at index: Int) -> Bool {
        var cursor = index
        for scalar in text.unicodeScalars {
            guard cursor < source.count, source[cursor] == scalar else { return false }
            cursor += 1
        }
        return true
    }

    /// The 1-based line and column of a scalar offset.
    func lineColumn(_ offset: Int) -> (line: Int, column: Int) {
        SourceLines(source).location(of: offset).pair
    }

    func syntaxError(_ message: String, at offset: Int) -> ChatTemplateError {
        let (line, column) = lineColumn(offset)
        return ChatTemplateError(
            kind: .syntax, exceptionName: "TemplateSyntaxError", message: message, line: line, column: column)
    }
}

extension Unicode.Scalar {
    /// The value of a hexadecimal digit.
    var hexValue: UInt32? {
        switch self {
        case "0"..."9": return value - 48
        case "a"..."f": return value - 87
        case "A"..."F": return value - 55
        default: return nil
        }
    }
}
