/// Runs `body` over the UTF-8 bytes of `text` without copying when the string is native.
@inline(__always)
package func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    var text = text
    return try text.withUTF8(body)
}
