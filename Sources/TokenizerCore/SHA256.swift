import Crypto

/// SHA-256 as lowercase hex, through swift-crypto: the hash that verifies bundled vocabulary files
/// and that manifests record.
package enum SHA256 {
    /// The digest of `bytes`.
    package static func hexDigest(_ bytes: UnsafeRawBufferPointer) -> String {
        hex(Crypto.SHA256.hash(data: bytes))
    }

    /// A digest computed over data that arrives in parts.
    package struct Hasher {
        private var state = Crypto.SHA256()

        package init() {}

        /// Adds `bytes`.
        package mutating func update(_ bytes: UnsafeRawBufferPointer) {
            state.update(bufferPointer: bytes)
        }

        /// The digest of everything added.
        package func hexDigest() -> String {
            SHA256.hex(state.finalize())
        }
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
