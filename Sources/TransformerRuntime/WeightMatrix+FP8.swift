extension WeightMatrix {
    /// A matrix from a block-quantized FP8 weight `[rows, columns]` (`F8_E4M3`) and its
    /// `weight_scale_inv` `[⌈rows / blockRows⌉, ⌈columns / blockColumns⌉]`, as DeepSeek-V3
    /// releases them. The codes stay memory-mapped; f32 scales too when aligned.
    /// - Throws: `ModelError` naming the tensor when the weight is not a 2-D FP8 matrix, the
    ///   scales are not floating point, or their shape does not match the block size.
    init(float8 weight: Tensor, scales: Tensor, blockRows: Int, blockColumns: Int) throws {
        guard weight.dataType == .float8E4M3 else {
            throw ModelError(.unsupportedDataType, "tensor \(weight.name) is \(weight.dataType.rawValue), expected F8_E4M3")
        }
        guard weight.shape.count == 2 else {
            throw ModelError(.shapeMismatch, "tensor \(weight.name) has shape \(weight.shape), expected a matrix")
        }
        let (rows, columns) = (weight.shape[0], weight.shape[1])
        let expected = [(rows + blockRows - 1) / blockRows, (columns + blockColumns - 1) / blockColumns]
        guard scales.shape == expected else {
            throw ModelError(
                .shapeMismatch,
                "tensor \(scales.name) has shape \(scales.shape), but blocks of \(blockRows)×\(blockColumns) "
                    + "(quantization_config.weight_block_size) over \(weight.name) \(weight.shape) need \(expected)")
        }
        guard scales.dataType.isFloatingPoint else {
            throw ModelError(
                .unsupportedDataType, "tensor \(scales.name) is \(scales.dataType.rawValue), expected F32, BF16 or F16")
        }
        let scaleOwner: AnyObject
        let scalePointer: UnsafePointer<Float>
        if scales.dataType == .float32, Int(bitPattern: scales.bytes) % MemoryLayout<Float>.alignment == 0 {
            scaleOwner = scales.storage
            scalePointer = scales.bytes.assumingMemoryBound(to: Float.self)
        } else {
            let values = try scales.floats()
            let buffer = OwnedBuffer(count: values.count * 4) { destination in
                values.withUnsafeBytes { destination.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            }
            scaleOwner = buffer
            scalePointer = UnsafePointer(buffer.bytes.assumingMemoryBound(to: Float.self))
        }
        self.init(
            rows: rows, columns: columns,
            encoding: .float8(
                codes: weight.bytes.assumingMemoryBound(to: UInt8.self), scales: scalePointer,
                blocks: FP8Blocks(rows: blockRows, columns: blockColumns, stride: expected[1], firstRow: 0)),
            owners: [weight.storage, scaleOwner])
    }
}
