/// Python's `str` methods over code points (Swift's own string algorithms compare characters and
/// canonical equivalents, which Python does not).
enum PythonStrings {
    typealias Scalars = [Unicode.Scalar]

    static func scalars(_ text: String) -> Scalars { Array(text.unicodeScalars) }

    static func string<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// The first index of `needle` in `haystack` at or after `start`.
    static func find(_ needle: Scalars, in haystack: Scalars, from start: Int = 0) -> Int? {
        if needle.isEmpty { return start <= haystack.count ? start : nil }
        guard haystack.count >= needle.count else { return nil }
        let first = needle[0]
        var index = max(start, 0)
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    /// The last index of `needle` in `haystack`.
    static func findLast(_ needle: Scalars, in haystack: Scalars) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.count - needle.count
        while index >= 0 {
            if Array(haystack[index..<(index + needle.count)]) == needle { return index }
            index -= 1
        }
        return nil
    }

    static func contains(_ needle: String, in haystack: String) -> Bool {
        if needle.isEmpty { return true }
        return find(scalars(needle), in: scalars(haystack)) != nil
    }

    static func count(_ needle: Scalars, in haystack: Scalars) -> Int {
        if needle.isEmpty { return haystack.count + 1 }
        var total = 0
        var index = 0
        while let found = find(needle, in: haystack, from: index) {
            total += 1
            index = found + needle.count
        }
        return total
    }

    /// `str.split(sep, maxsplit)`; with no separator, runs of whitespace split and edges are dropped.
    static func split(_ text: String, separator: String?, limit: Int) throws -> [String] {
        let source = scalars(text)
        var parts: [String] = []
        guard let separator else {
            var index = 0
            while index < source.count {
                while index < source.count, PythonCharacters.isSpace(source[index]) { index += 1 }
                if index >= source.count { break }
                if limit >= 0 && parts.count == limit {
                    var end = source.count
                    while end > index, PythonCharacters.isSpace(source[end - 1]) { end -= 1 }
                    parts.append(string(source[index..<end]))
                    return parts
                }
                let start = index
                while index < source.count, !PythonCharacters.isSpace(source[index]) { index += 1 }
                parts.append(string(source[start..<index]))
            }
            return parts
        }
        let needle = scalars(separator)
        guard !needle.isEmpty else { throw RenderFailure.value("empty separator") }
        var start = 0
        while limit < 0 || parts.count < limit, let found = find(needle, in: source, from: start) {
            parts.append(string(source[start..<found]))
            start = found + needle.count
        }
        parts.append(string(source[start...]))
        return parts
    }

    /// `str.rsplit(sep, maxsplit)`.
    static func rsplit(_ text: String, separator: String?, limit: Int) throws -> [String] {
        if limit < 0 { return try split(text, separator: separator, limit: limit) }
        let source = scalars(text)
        var parts: [String] = []
        guard let separator else {
            var index = source.count
            while index > 0 {
                while index > 0, PythonCharacters.isSpace(source[index - 1]) { index -= 1 }
                if index == 0 { break }
                if parts.count == limit {
                    var start = 0
                    while start < index, PythonCharacters.isSpace(source[start]) { start += 1 }
                    parts.append(string(source[start..<index]))
                    return parts.reversed()
                }
                let end = index
                while index > 0, !PythonCharacters.isSpace(source[index - 1]) { index -= 1 }
                parts.append(string(source[index..<end]))
            }
            return parts.reversed()
        }
        let needle = scalars(separator)
        guard !needle.isEmpty else { throw RenderFailure.value("empty separator") }
        var end = source.count
        while parts.count < limit, end >= needle.count, let found = findLast(needle, in: Array(source[..<end])) {
            parts.append(string(source[(found + needle.count)..<end]))
            end = found
        }
        parts.append(string(source[..<end]))
        return parts.reversed()
    }

    /// `str.strip` / `lstrip` / `rstrip` with optional characters (default whitespace).
    static func strip(_ text: String, characters: String?, leading: Bool, trailing: Bool) -> String {
        let source = scalars(text)
        let set = characters.map { Set($0.unicodeScalars) }
        func strippable(_ scalar: Unicode.Scalar) -> Bool {
            if let set { return set.contains(scalar) }
            return PythonCharacters.isSpace(scalar)
        }
        var start = 0
        var end = source.count
        if leading { while start < end, strippable(source[start]) { start += 1 } }
        if trailing { while end > start, strippable(source[end - 1]) { end -= 1 } }
        if start == 0 && end == source.count { return text }
        return string(source[start..<end])
    }

    /// `str.replace(old, new, count)`.
    static func replace(_ text: String, _ old: String, _ new: String, count limit: Int) -> String {
        let source = scalars(text)
        let needle = scalars(old)
        let replacement = scalars(new)
        var out: Scalars = []
        var replaced = 0
        if needle.isEmpty {
            for (index, scalar) in source.enumerated() {
                if limit < 0 || replaced < limit {
                    out.append(contentsOf: replacement)
                    replaced += 1
                }
                out.append(scalar)
                _ = index
            }
            if limit < 0 || replaced < limit { out.append(contentsOf: replacement) }
            return string(out)
        }
        var start = 0
        while limit < 0 || replaced < limit, let found = find(needle, in: source, from: start) {
            out.append(contentsOf: source[start..<found])
            out.append(contentsOf: replacement)
            start = found + needle.count
            replaced += 1
        }
        out.append(contentsOf: source[start...])
        return string(out)
    }

    static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        text.utf8.starts(with: prefix.utf8)
    }

    static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
        text.utf8.reversed().starts(with: suffix.utf8.reversed())
    }

    static func lowercased(_ text: String) -> String { text.lowercased() }
    static func uppercased(_ text: String) -> String { text.uppercased() }

    /// Whether a character is cased (has an uppercase, lowercase or titlecase form).
    static func isCased(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isCased || properties.isLowercase || properties.isUppercase
    }

    /// `str.title()`: each run of cased characters starts with its titlecase form and continues
    /// in lowercase.
    static func title(_ text: String) -> String {
        var out = ""
        var previousCased = false
        for scalar in text.unicodeScalars {
            if previousCased {
                out += scalar.properties.lowercaseMapping
            } else {
                out += scalar.properties.titlecaseMapping
            }
            previousCased = isCased(scalar)
        }
        return out
    }

    /// `str.capitalize()`: the first character in titlecase, the rest in lowercase.
    static func capitalize(_ text: String) -> String {
        var out = ""
        for (index, scalar) in text.unicodeScalars.enumerated() {
            out += index == 0 ? scalar.properties.titlecaseMapping : scalar.properties.lowercaseMapping
        }
        return out
    }
}
