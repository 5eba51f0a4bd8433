/// Where a value sits in a JSON document, written the way error messages show it:
/// `$.messages[0].content`, `model.vocab["a b"]`, `pre_tokenizer.pretokenizers[1]`.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// The path as text.
    public let description: String

    /// The path of a document's root: `"$"` in the style of serde paths, or `""` so that member paths
    /// read `model.merges`.
    public init(root: String = "") {
        description = root
    }

    /// The path of member `key`: `.key` for keys made of ASCII letters, digits and `_`, otherwise
    /// `["key"]` with the key as a JSON string.
    public func member(_ key: String) -> JSONPath {
        let simple = !key.isEmpty && key.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
        }
        if simple { return JSONPath(text: description.isEmpty ? key : description + "." + key) }
        var quoted = ""
        JSONValue.writeString(key, to: &quoted)
        return JSONPath(text: description + "[" + quoted + "]")
    }

    /// The path of element `index` of an array.
    public func element(_ index: Int) -> JSONPath {
        JSONPath(text: description + "[\(index)]")
    }

    private init(text: String) {
        description = text
    }
}
