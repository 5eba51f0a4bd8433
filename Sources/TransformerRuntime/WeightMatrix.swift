/// A read-only weight matrix of `rows` outputs by `columns` inputs, used as `y = W·x`.
///
/// Weights stay in their checkpoint encoding (f32, bf16, MXFP4 or block-scaled FP8), memory-mapped
/// where the file allows, and are widened to f32 inside the kernels, so decoding streams as few
/// bytes as the checkpoint holds. F16 is widened to f32 when loaded.
package struct WeightMatrix: @unchecked Sendable {
    /// How the elements are encoded in memory.
    enum Encoding {
        /// Row-major f32.
        case float32(UnsafePointer<Float>)
        /// Row-major bfloat16 bit patterns.
        case bfloat16(UnsafePointer<UInt16>)
        /// Per row: `columns/32` blocks of 16 bytes, and `columns/32` scale bytes.
        case mxfp4(blocks: UnsafePointer<UInt8>, scales: UnsafePointer<UInt8>)
        /// Row-major float8_e4m3fn codes and one f32 multiplier per block.
        case float8(codes: UnsafePointer<UInt8>, scales: UnsafePointer<Float>, blocks: FP8Blocks)
    }

    /// Where the multiplier of an FP8 element is: element `(r, c)` of the matrix uses
    /// `scales[((firstRow + r) / rows) · stride + c / columns]`.
    struct FP8Blocks {
        /// Rows per block (`weight_block_size[0]`).
        let rows: Int
        /// Columns per block (`weight_block_size[1]`).
        let columns: Int
        /// Scales per row of blocks (`ceil(columns / blockColumns)` of the whole tensor).
        let stride: Int
        /// The tensor row of this matrix's row 0 (non-zero for a slice of rows).
        let firstRow: Int
    }

    /// Number of outputs.
    package let rows: Int
    /// Number of inputs.
    package let columns: Int
    let encoding: Encoding
    /// Keep the memory the encoding points into alive.
    let owners: [AnyObject]

    init(rows: Int, columns: Int, encoding: Encoding, owners: [AnyObject]) {
        self.rows = rows
        self.columns = columns
        self.encoding = encoding
        self.owners = owners
    }

    /// Bytes of weights (and scales) read by one full product.
    package var byteCount: Int {
        switch encoding {
        case .float32: rows * columns * 4
        case .bfloat16: rows * columns * 2
        case .mxfp4: rows * (columns / 2 + columns / MXFP4.blockSize)
        case .float8(_, _, let blocks):
            rows * columns + (rows + blocks.rows - 1) / blocks.rows * ((columns + blocks.columns - 1) / blocks.columns) * 4
        }
    }

    /// Makes a matrix from a 2-D floating-point tensor `[rows, columns]`, without copying when
    /// the tensor is f32 or bf16 and suitably aligned.
    /// - Throws: `ModelError` if the tensor is not 2-D floating point.
    package init(_ tensor: Tensor) throws {
        try tensor.requireFloatingPoint()
        guard tensor.shape.count == 2 else {
            throw ModelError(.shapeMismatch, "tensor \(tensor.name) has shape \(tensor.shape), expected a matrix")
        }
        try self.init(tensor, elementOffset: 0, rows: tensor.shape[0], columns: tensor.shape[1])
    }

    /// Makes a matrix from `rows·columns` consecutive elements of a floating-point tensor,
    /// starting at element `elementOffset` (used to slice one expert out of a stacked tensor).
    init(_ tensor: Tensor, elementOffset: Int, rows: Int, columns: Int) throws {
        try tensor.requireFloatingPoint()
        self.rows = rows
        self.columns = columns
        let count = rows * columns
        let start = tensor.bytes + elementOffset * tensor.dataType.byteWidth
        switch tensor.dataType {
        case .float32 where Int(bitPattern: start) % MemoryLayout<Float>.alignment == 0:
            encoding = .float32(start.assumingMemoryBound(to: Float.self))
            owners = [tensor.storage]
        case .bfloat16 where Int(bitPattern: start) % MemoryLayout<UInt16>.alignment == 0:
            encoding = .bfloat16(start.assumingMemoryBound(to: UInt16.self))
            owners = [tensor.storage]
        case .bfloat16:
            let buffer = OwnedBuffer(count: count * 2) { $0.copyMemory(from: start, byteCount: count * 2) }
            encoding = .bfloat16(UnsafePointer(buffer.bytes.assumingMemoryBound(to: UInt16.self)))
            owners = [buffer]
        default:
            let buffer = OwnedBuffer(count: count * 4) { destination in
                let floats = destination.assumingMemoryBound(to: Float.self)
                for i in 0..<count {
                    let offset = i * tensor.dataType.byteWidth
                    switch tensor.dataType {
                    case .float16:
                        floats[i] = FloatConversion.float(fromFloat16: start.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
                    default:
                        floats[i] = start.loadUnaligned(fromByteOffset: offset, as: Float.self)
                    }
                }
            }
            encoding = .float32(UnsafePointer(buffer.bytes.assumingMemoryBound(to: Float.self)))
            owners = [buffer]
        }
    }

    /// Makes a matrix from f32 values in row-major order.
    /// - Precondition: `values.count == rows · columns`.
    package init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns, "values.count must equal rows · columns")
        let buffer = OwnedBuffer(count: values.count * 4) { destination in
            values.withUnsafeBytes { destination.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        }
        self.init(
            rows: rows, columns: columns,
            encoding: .float32(UnsafePointer(buffer.bytes.assumingMemoryBound(to: Float.self))), owners: [buffer])
    }

    /// Makes a matrix from bfloat16 bit patterns in row-major order.
    /// - Precondition: `bits.count == rows · columns`.
    package init(rows: Int, columns: Int, bfloat16Bits bits: [UInt16]) {
        precondition(bits.count == rows * columns, "bits.count must equal rows · columns")
        let buffer = OwnedBuffer(count: bits.count * 2) { destination in
            bits.withUnsafeBytes { destination.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        }
        self.init(
            rows: rows, columns: columns,
            encoding: .bfloat16(UnsafePointer(buffer.bytes.assumingMemoryBound(to: UInt16.self))), owners: [buffer])
    }

    /// Rows `range` as a matrix of their own, sharing this one's memory.
    /// - Precondition: `range` lies within `0..<rows`.
    func rows(_ range: Range<Int>) -> WeightMatrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "row range out of bounds")
        let first = range.lowerBound
        let sliced: Encoding
        switch encoding {
        case .float32(let base):
            sliced = .float32(base + first * columns)
        case .bfloat16(let base):
            sliced = .bfloat16(base + first * columns)
        case .mxfp4(let blocks, let scales):
            let blockCount = columns / MXFP4.blockSize
            sliced = .mxfp4(blocks: blocks + first * blockCount * 16, scales: scales + first * blockCount)
        case .float8(let codes, let scales, let blocks):
            sliced = .float8(
                codes: codes + first * columns, scales: scales,
                blocks: FP8Blocks(rows: blocks.rows, columns: blocks.columns, stride: blocks.stride, firstRow: blocks.firstRow + first))
        }
        return WeightMatrix(rows: range.count, columns: columns, encoding: sliced, owners: owners)
    }

    /// Writes row `row` as f32 into `output` (`columns` elements).
    package func copyRow(_ row: Int, into output: UnsafeMutablePointer<Float>) {
        switch encoding {
        case .float32(let base):
            output.update(from: base + row &* columns, count: columns)
        case .bfloat16(let base):
            let source = base + row &* columns
            for i in 0..<columns { output[i] = FloatConversion.float(fromBFloat16: source[i]) }
        case .mxfp4(let blocks, let scales):
            let blockCount = columns / MXFP4.blockSize
            MXFP4.dequantize(
                blocks: blocks + row &* blockCount &* 16, scales: scales + row &* blockCount,
                count: columns, into: output)
        case .float8(let codes, let scales, let blocks):
            let scaleRow = scales + ((blocks.firstRow &+ row) / blocks.rows) &* blocks.stride
            DotProduct.dequantizeFloat8(
                codes: codes + row &* columns, scales: scaleRow, blockColumns: blocks.columns,
                count: columns, into: output)
        }
    }

    /// Row `row` as an f32 array.
    package func row(_ row: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: columns) { buffer, initialized in
            copyRow(row, into: buffer.baseAddress!)
            initialized = columns
        }
    }
}
