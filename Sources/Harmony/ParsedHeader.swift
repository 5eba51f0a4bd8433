import OrderedJSON
/// The header of a message being parsed: author, recipient, channel and content type.
public struct ParsedHeader: Sendable, Hashable {
    /// The author (a name only for tool authors read from the header).
    public var author: Author
    /// The recipient.
    public var recipient: String?
    /// The channel.
    public var channel: String?
    /// The content type.
    public var contentType: String?

    /// The header as the parser's state JSON shows it.
    var json: JSONValue {
        var author = JSONObject([("role", .string(self.author.role.rawValue))])
        if let name = self.author.name { author["name"] = .string(name) }
        return [
            "author": .object(author),
            "recipient": recipient.map(JSONValue.string) ?? .null,
            "channel": channel.map(JSONValue.string) ?? .null,
            "content_type": contentType.map(JSONValue.string) ?? .null,
        ]
    }

    /// Parses a decoded header. With `splitRecipientAndType` false (recovering a message cut off
    /// before `<|message|>`), the words after the role are returned as the remaining text instead.
    /// - Returns: the header and the words left over, joined by single spaces (nil when none).
    /// - Throws: `HarmonyError` (kind `.parse`) with openai-harmony's message.
    static func parse(_ text: String, role: Role?, splitRecipientAndType: Bool) throws -> (ParsedHeader, String?) {
        var scalars = Array(text.unicodeScalars)
        var channel: String?
        let channelMarker = Array("<|channel|>".unicodeScalars)
        if let start = scalars.firstRange(of: channelMarker) {
            let valueStart = start.upperBound
            let valueEnd = scalars[valueStart...].firstIndex { $0.properties.isWhitespace || $0 == "<" } ?? scalars.count
            guard valueEnd > valueStart else {
                throw HarmonyError(.parse, "channel marker present but no channel value found in header")
            }
            channel = String(String.UnicodeScalarView(scalars[valueStart..<valueEnd]))
            scalars.removeSubrange(start.lowerBound..<valueEnd)
        }
        var header = trimmed(scalars)
        let constrain = Array("<|constrain|>".unicodeScalars)
        if header.firstRange(of: constrain) != nil {
            header = trimmed(header.replacing(constrain, with: [" "] + constrain))
        }
        var parts = splitASCIIWhitespace(header)
        var roleWord: String?
        let resolvedRole: Role
        if let role {
            resolvedRole = role
        } else {
            guard let first = parts.first else { throw HarmonyError(.parse, "message header did not contain a role") }
            roleWord = first
            if let known = Role.allCases.first(where: { $0.rawValue.utf8.elementsEqual(first.utf8) }) {
                resolvedRole = known
            } else if parts.count > 1 || first.utf8.starts(with: "to=".utf8) {
                parts.removeFirst()
                resolvedRole = .tool
            } else {
                throw HarmonyError(.parse, "Unknown role: \(first)")
            }
        }
        if let first = parts.first, first.utf8.elementsEqual(resolvedRole.rawValue.utf8) {
            parts.removeFirst()
        }
        var recipient: String?
        var contentType: String?
        if splitRecipientAndType, let last = parts.popLast() {
            if let stripped = last.droppingPrefix("to=") {
                recipient = stripped
            } else if parts.isEmpty {
                recipient = last
            } else {
                contentType = last
                if let raw = parts.popLast() { recipient = raw.droppingPrefix("to=") ?? raw }
            }
        }
        let remaining = parts.isEmpty ? nil : parts.joined(separator: " ")
        let author = Author(role: resolvedRole, name: resolvedRole == .tool ? roleWord : nil)
        return (ParsedHeader(author: author, recipient: recipient, channel: channel, contentType: contentType), remaining)
    }

    /// Trims Unicode white space at both ends (Rust's `str::trim`).
    private static func trimmed(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return [] }
        return Array(scalars[first...last])
    }

    /// Splits at ASCII white space (space, tab, LF, FF, CR) only, as Rust's `split_ascii_whitespace`.
    private static func splitASCIIWhitespace(_ scalars: [Unicode.Scalar]) -> [String] {
        scalars.split { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\u{0C}" || $0 == "\r" }
            .map { String(String.UnicodeScalarView($0)) }
    }
}

extension String {
    /// The rest of the string after `prefix` (compared by bytes), or nil when it does not start so.
    func droppingPrefix(_ prefix: String) -> String? {
        guard utf8.starts(with: prefix.utf8) else { return nil }
        return String(decoding: utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
    }
}
