/// Reads as much as it can of a (possibly unfinished) Hermes-style call object,
/// `{"name": "…", "arguments": …}`: the name once its string is complete, and where the
/// arguments value starts and (once it does) ends, so its text can stream as it arrives.
struct ToolCallJSONScanner {
    struct Result {
        var name: String?
        var argumentsStart: Int?
        var argumentsEnd: Int?
        var argumentsIsString = false
    }

    static func scan(_ text: [Unicode.Scalar]) -> Result {
        var result = Result()
        var index = skipSpaces(text, 0)
        guard index < text.count, text[index] == "{" else { return result }
        index += 1
        while true {
            index = skipSpaces(text, index)
            guard index < text.count, text[index] == "\"" else { return result }
            guard let (key, afterKey) = readString(text, index) else { return result }
            index = skipSpaces(text, afterKey)
            guard index < text.count, text[index] == ":" else { return result }
            index = skipSpaces(text, index + 1)
            guard index < text.count else { return result }
            let start = index
            let end = valueEnd(text, start)
            if key == "arguments" {
                result.argumentsStart = start
                result.argumentsIsString = text[start] == "\""
                result.argumentsEnd = end
            } else if key == "name", text[start] == "\"", let (name, _) = readString(text, start) {
                result.name = name
            }
            guard let end else { return result }
            index = skipSpaces(text, end)
            guard index < text.count, text[index] == "," else { return result }
            index += 1
        }
    }

    private static func skipSpaces(_ text: [Unicode.Scalar], _ start: Int) -> Int {
        var index = start
        while index < text.count, [" ", "\n", "\r", "\t"].contains(text[index]) { index += 1 }
        return index
    }

    /// A JSON string at `start` (decoded) and the index after it; nil while unfinished.
    static func readString(_ text: [Unicode.Scalar], _ start: Int) -> (String, Int)? {
        var index = start + 1
        var value = String.UnicodeScalarView()
        while index < text.count {
            let scalar = text[index]
            if scalar == "\"" { return (String(value), index + 1) }
            if scalar == "\\" {
                guard index + 1 < text.count else { return nil }
                let escaped = text[index + 1]
                switch escaped {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "r": value.append("\r")
                case "b": value.append("\u{08}")
                case "f": value.append("\u{0C}")
                case "u":
                    guard index + 5 < text.count else { return nil }
                    var code: UInt32 = 0
                    for offset in 2...5 { code = code * 16 + (text[index + offset].hexValue ?? 0) }
                    value.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    index += 4
                default: value.append(escaped)
                }
                index += 2
                continue
            }
            value.append(scalar)
            index += 1
        }
        return nil
    }

    /// The index just after the JSON value that starts at `start`, nil while it is unfinished.
    private static func valueEnd(_ text: [Unicode.Scalar], _ start: Int) -> Int? {
        switch text[start] {
        case "\"":
            return readString(text, start)?.1
        case "{", "[":
            var depth = 0
            var index = start
            while index < text.count {
                switch text[index] {
                case "\"":
                    guard let (_, after) = readString(text, index) else { return nil }
                    index = after
                    continue
                case "{", "[": depth += 1
                case "}", "]":
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
                index += 1
            }
            return nil
        default:
            var index = start
            while index < text.count, !([",", "}", "]", " ", "\n", "\r", "\t"].contains(text[index])) { index += 1 }
            return index < text.count ? index : nil
        }
    }
}
