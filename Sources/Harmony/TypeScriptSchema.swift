import OrderedJSON
/// Renders a JSON schema as the TypeScript-like type openai-harmony writes into tool
/// declarations, quirks included (see the format notes: `oneOf` layout, nullable, defaults,
/// descriptions, examples, `integer` as `number`, arrays without parentheses).
enum TypeScriptSchema {
    /// The type text of `schema` at `indent`.
    static func render(_ schema: JSONValue, indent: String) -> String {
        if let variants = schema["oneOf"]?.arrayValue {
            var out = ""
            for variant in variants {
                out += "\n\(indent) | "
                out += withNullable(render(variant, indent: indent + "   "), variant)
                var comments: [String] = []
                if let description = variant["description"]?.stringValue { comments.append(description) }
                if let value = variant["default"] {
                    if let text = value.stringValue, !isEnum(variant) {
                        comments.append("default: \"\(text)\"")
                    } else {
                        comments.append("default: \(value.serialized)")
                    }
                }
                if !comments.isEmpty { out += " // " + comments.joined(separator: " ") }
            }
            return out
        }
        if let types = schema["type"]?.arrayValue {
            let names = types.compactMap(\.stringValue).map { $0 == "integer" ? "number" : $0 }
            if !names.isEmpty { return names.joined(separator: " | ") }
        }
        guard let type = schema["type"]?.stringValue else { return "any" }
        switch type {
        case "object": return renderObject(schema, indent: indent)
        case "string":
            let members = schema["enum"]?.arrayValue?.compactMap(\.stringValue).map { "\"\($0)\"" } ?? []
            return members.isEmpty ? "string" : members.joined(separator: " | ")
        case "number", "integer": return "number"
        case "boolean": return "boolean"
        case "array":
            guard let items = schema["items"] else { return "Array<any>" }
            return render(items, indent: indent) + "[]"
        default: return "any"
        }
    }

    private static func renderObject(_ schema: JSONValue, indent: String) -> String {
        var out = ""
        if let description = schema["description"]?.stringValue { out += "\(indent)// \(description)\n" }
        out += "{\n"
        if let properties = schema["properties"]?.objectValue {
            let required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue).map { Array($0.utf8) })
            for (key, property) in properties.entries {
                let marker = required.contains(Array(key.utf8)) ? "" : "?"
                if let title = property["title"]?.stringValue { out += "\(indent)// \(title)\n\(indent)//\n" }
                if property["oneOf"] == nil, let description = property["description"]?.stringValue {
                    out += "\(indent)// \(description)\n"
                }
                if let examples = property["examples"]?.arrayValue, !examples.isEmpty {
                    out += "\(indent)// Examples:\n"
                    for example in examples {
                        if let text = example.stringValue { out += "\(indent)// - \"\(text)\"\n" }
                    }
                }
                if let variants = property["oneOf"]?.arrayValue {
                    out += renderOneOfProperty(key: key, marker: marker, property: property, variants: variants, indent: indent)
                    continue
                }
                out += "\(indent)\(key)\(marker): "
                out += withNullable(render(property, indent: indent + "    "), property)
                out += ","
                if property["oneOf"] == nil, let value = property["default"] {
                    out += " // default: \(propertyDefault(value, property))"
                }
                out += "\n"
            }
        }
        out += "\(indent)}"
        return out
    }

    private static func renderOneOfProperty(
        key: String, marker: String, property: JSONValue, variants: [JSONValue], indent: String
    ) -> String {
        var out = ""
        let propertyDescription = property["description"]?.stringValue
        let skipDescription = propertyDescription != nil
            && sameBytes(variants.first?["description"]?.stringValue, propertyDescription)
        var describedAbove = false
        if !skipDescription, let description = propertyDescription {
            out += "\(indent)// \(description)\n"
            describedAbove = true
        }
        if let value = property["default"] {
            out += "\(indent)// default: \(propertyDefault(value, property))\n"
        }
        out += "\(indent)\(key)\(marker):\n"
        for (offset, variant) in variants.enumerated() {
            out += "\(indent) | "
            out += withNullable(render(variant, indent: indent + "   "), variant)
            var comments: [String] = []
            if !(offset == 0 && describedAbove), let description = variant["description"]?.stringValue,
               !sameBytes(description, propertyDescription) {
                comments.append(description)
            }
            if let value = variant["default"] {
                comments.append("default: \(propertyDefault(value, variant))")
            }
            if !comments.isEmpty { out += " // " + comments.joined(separator: " ") }
            out += "\n"
        }
        out += "\(indent),\n"
        return out
    }

    /// A default as properties show it: quoted raw string, raw string for enums, JSON otherwise.
    private static func propertyDefault(_ value: JSONValue, _ schema: JSONValue) -> String {
        guard let text = value.stringValue else { return value.serialized }
        return isEnum(schema) ? text : "\"\(text)\""
    }

    private static func sameBytes(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.utf8.elementsEqual(b.utf8)
    }

    private static func isEnum(_ schema: JSONValue) -> Bool {
        !(schema["enum"]?.arrayValue?.isEmpty ?? true)
    }

    private static func withNullable(_ type: String, _ schema: JSONValue) -> String {
        if schema["nullable"]?.boolValue == true && !type.contains("null") { return type + " | null" }
        return type
    }
}
