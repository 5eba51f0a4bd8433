/// Python's `str % values` for the conversions templates use: `%s`, `%r`, `%d`, `%i` and `%%`.
/// Anything else (flags, widths, other conversions, mapping keys) is reported unsupported.
enum PrintfFormatting {
    static func format(_ format: String, _ argument: Value) throws -> String {
        var values: [Value]
        if case let .tuple(items) = argument { values = items } else { values = [argument] }
        var out = ""
        var scalars = format.unicodeScalars.makeIterator()
        var used = 0
        while let scalar = scalars.next() {
            guard scalar == "%" else {
                out.unicodeScalars.append(scalar)
                continue
            }
            guard let conversion = scalars.next() else {
                throw RenderFailure.value("incomplete format")
            }
            if conversion == "%" {
                out += "%"
                continue
            }
            guard used < values.count else {
                throw RenderFailure.type("not enough arguments for format string")
            }
            let value = values[used]
            used += 1
            switch conversion {
            case "s": out += try value.printed()
            case "r": out += try value.represented()
            case "d", "i":
                switch value {
                case let .int(number): out += String(number)
                case let .bool(flag): out += flag ? "1" : "0"
                case let .float(number) where number.isFinite && abs(number) < 9e18: out += String(Int(number))
                default: throw RenderFailure.type("%\(conversion) format: a real number is required, not \(value.typeName)")
                }
            default:
                throw RenderFailure.unsupported("'%\(conversion)' in a %-format string")
            }
        }
        if used < values.count {
            throw RenderFailure.type("not all arguments converted during string formatting")
        }
        return out
    }
}
