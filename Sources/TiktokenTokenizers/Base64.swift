/// Standard base64 (with padding) decoding, strict, for `.tiktoken` files.
enum Base64 {
    private static let table: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { t[Int(c)] = UInt8(i) }
        return t
    }()

    static func decode(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard text.count % 4 == 0 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(text.count / 4 * 3)
        var i = 0
        while i < text.count {
            let c0 = table[Int(text[i])], c1 = table[Int(text[i + 1])]
            guard c0 != 0xFF, c1 != 0xFF else { return nil }
            out.append(c0 << 2 | c1 >> 4)
            let last = i + 4 == text.count
            if last && text[i + 2] == UInt8(ascii: "=") {
                guard text[i + 3] == UInt8(ascii: "=") else { return nil }
                break
            }
            let c2 = table[Int(text[i + 2])]
            guard c2 != 0xFF else { return nil }
            out.append(c1 << 4 | c2 >> 2)
            if last && text[i + 3] == UInt8(ascii: "=") { break }
            let c3 = table[Int(text[i + 3])]
            guard c3 != 0xFF else { return nil }
            out.append(c2 << 6 | c3)
            i += 4
        }
        return out
    }
}
