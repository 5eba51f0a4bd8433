/// The integer type ids are written as in binary outputs.
public enum TokenDType: String, Sendable, CaseIterable {
    /// Unsigned 16 bits (ids below 65,536).
    case u16
    /// Unsigned 32 bits.
    case u32

    /// Bytes per id.
    var size: Int { self == .u16 ? 2 : 4 }

    /// NumPy's name (`<u2`, `<u4`).
    var numpyDescriptor: String { self == .u16 ? "<u2" : "<u4" }

    /// Megatron-LM's `DType` code: `uint16` is 8; Megatron has no unsigned 32-bit type, so 32-bit
    /// ids are written under `int32` (4), which holds every vocabulary in use.
    var megatronCode: UInt8 { self == .u16 ? 8 : 4 }

    /// Appends `id` little-endian to `bytes`.
    @inline(__always)
    func append(_ id: UInt32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: id))
        bytes.append(UInt8(truncatingIfNeeded: id >> 8))
        if self == .u32 {
            bytes.append(UInt8(truncatingIfNeeded: id >> 16))
            bytes.append(UInt8(truncatingIfNeeded: id >> 24))
        }
    }
}
