/// A read-only view of one tensor inside a memory-mapped safetensors file.
///
/// The view keeps its file mapped. Reading it never copies unless a conversion is asked for.
package struct Tensor: @unchecked Sendable {
    /// The tensor's name in the checkpoint.
    package let name: String
    /// The element type.
    package let dataType: TensorDataType
    /// The dimensions, outermost first (row-major).
    package let shape: [Int]
    /// The first byte of the tensor's data (not necessarily aligned).
    let bytes: UnsafeRawPointer
    /// Keeps the mapping alive.
    let storage: MappedFile

    /// The number of elements (the product of `shape`).
    package var elementCount: Int { shape.reduce(1, *) }

    /// The number of bytes of data.
    package var byteCount: Int { elementCount * dataType.byteWidth }

    /// Throws unless the tensor has exactly `expected` as its shape.
    /// - Throws: `ModelError` (`.shapeMismatch`) naming the tensor and both shapes.
    package func requireShape(_ expected: [Int]) throws {
        guard shape == expected else {
            throw ModelError(
                .shapeMismatch,
                "tensor \(name) has shape \(shape), expected \(expected)")
        }
    }

    /// Throws unless the tensor holds real numbers (F32, BF16 or F16).
    func requireFloatingPoint() throws {
        guard dataType.isFloatingPoint else {
            throw ModelError(
                .unsupportedDataType,
                "tensor \(name) is \(dataType.rawValue), expected F32, BF16 or F16")
        }
    }

    /// Throws unless the tensor holds raw bytes (U8).
    func requireBytes() throws {
        guard dataType == .uint8 else {
            throw ModelError(.unsupportedDataType, "tensor \(name) is \(dataType.rawValue), expected U8")
        }
    }

    /// The elements converted to `Float` (exact for all supported floating-point types).
    /// - Throws: `ModelError` (`.unsupportedDataType`) for U8 tensors.
    /// - Complexity: O(n), one copy.
    package func floats() throws -> [Float] {
        try requireFloatingPoint()
        let count = elementCount
        let source = bytes
        switch dataType {
        case .float32:
            return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                for i in 0..<count {
                    buffer[i] = Float(bitPattern: source.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).littleEndian)
                }
                initialized = count
            }
        case .bfloat16:
            return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                for i in 0..<count {
                    let bits = source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian
                    buffer[i] = FloatConversion.float(fromBFloat16: bits)
                }
                initialized = count
            }
        case .float16:
            return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                for i in 0..<count {
                    let bits = source.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self).littleEndian
                    buffer[i] = FloatConversion.float(fromFloat16: bits)
                }
                initialized = count
            }
        case .uint8, .float8E4M3:
            return []
        }
    }

    /// The raw bytes of a U8 tensor.
    /// - Throws: `ModelError` (`.unsupportedDataType`) for other types.
    package func byteArray() throws -> [UInt8] {
        try requireBytes()
        return Array(UnsafeRawBufferPointer(start: bytes, count: byteCount))
    }
}
