extension WeightMatrix {
    /// One expert's matrix from MXFP4 tensors `blocks [E, rows, columns/32, 16]` and
    /// `scales [E, rows, columns/32]` (the gpt-oss checkpoint layout), without copying.
    /// - Throws: `ModelError` if the tensors are not U8 or have other shapes.
    init(mxfp4Blocks blocks: Tensor, scales: Tensor, expert: Int, expertCount: Int, rows: Int, columns: Int) throws {
        guard columns % MXFP4.blockSize == 0 else {
            throw ModelError(
                .shapeMismatch,
                "tensor \(blocks.name): MXFP4 needs the input size (\(columns)) to be a multiple of \(MXFP4.blockSize)")
        }
        try blocks.requireBytes()
        try scales.requireBytes()
        let blockCount = columns / MXFP4.blockSize
        try blocks.requireShape([expertCount, rows, blockCount, 16])
        try scales.requireShape([expertCount, rows, blockCount])
        self.init(
            rows: rows, columns: columns,
            encoding: .mxfp4(
                blocks: (blocks.bytes + expert * rows * blockCount * 16).assumingMemoryBound(to: UInt8.self),
                scales: (scales.bytes + expert * rows * blockCount).assumingMemoryBound(to: UInt8.self)),
            owners: [blocks.storage])
    }

    /// A `[rows, columns]` matrix from a slice stored transposed (`[columns, rows]`, input-major,
    /// as transformers stores dense gpt-oss experts), starting at element `elementOffset`.
    /// bf16 stays bf16; f32 and f16 become f32.
    init(transposing tensor: Tensor, elementOffset: Int, rows: Int, columns: Int) throws {
        try tensor.requireFloatingPoint()
        let width = tensor.dataType.byteWidth
        let source = tensor.bytes + elementOffset * width
        let count = rows * columns
        if tensor.dataType == .bfloat16 {
            let buffer = OwnedBuffer(count: count * 2) { destination in
                let output = destination.assumingMemoryBound(to: UInt16.self)
                for r in 0..<rows {
                    for c in 0..<columns {
                        output[r * columns + c] = source.loadUnaligned(fromByteOffset: (c * rows + r) * 2, as: UInt16.self)
                    }
                }
            }
            self.init(
                rows: rows, columns: columns,
                encoding: .bfloat16(UnsafePointer(buffer.bytes.assumingMemoryBound(to: UInt16.self))), owners: [buffer])
        } else {
            let isHalf = tensor.dataType == .float16
            let buffer = OwnedBuffer(count: count * 4) { destination in
                let output = destination.assumingMemoryBound(to: Float.self)
                for r in 0..<rows {
                    for c in 0..<columns {
                        let offset = (c * rows + r) * width
                        output[r * columns + c] = isHalf
                            ? FloatConversion.float(fromFloat16: source.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
                            : source.loadUnaligned(fromByteOffset: offset, as: Float.self)
                    }
                }
            }
            self.init(
                rows: rows, columns: columns,
                encoding: .float32(UnsafePointer(buffer.bytes.assumingMemoryBound(to: Float.self))), owners: [buffer])
        }
    }
}
