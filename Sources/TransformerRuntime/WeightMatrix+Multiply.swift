extension WeightMatrix {
    /// Input rows per tile of the batched product: a tile of inputs stays in the L2 cache while
    /// every weight row of a thread's share is widened and applied to it.
    static let batchTile = 64

    /// FP8 inputs at least this wide (16 KB of f32, half the L1 cache) are multiplied two rows
    /// per pass over the input. Narrower ones stay in L1 anyway, and one row at a time reads the
    /// weights as a single sequential stream, which the prefetcher follows best.
    static let rowBlockedColumns = 4096

    /// `y[t] = W·x[t] + bias` for each of `count` input rows.
    ///
    /// `x` holds `count` rows of `columns` values, `y` receives `count` rows of `rows` values.
    /// One input row reads each weight once, in its encoding. Several input rows (a prompt) are
    /// multiplied as a matrix: four weight rows at a time are widened to f32 and applied to the
    /// inputs two at a time with register-blocked kernels. Output rows are split across threads.
    /// - Complexity: O(count · rows · columns).
    func multiply(
        _ x: UnsafePointer<Float>, count: Int, bias: UnsafePointer<Float>?,
        into y: UnsafeMutablePointer<Float>, parallelism: Parallelism
    ) {
        guard count > 0 else { return }
        if count == 1 {
            multiplyOne(x, bias: bias, into: y, parallelism: parallelism)
        } else {
            multiplyBatch(x, count: count, bias: bias, into: y, parallelism: parallelism)
        }
    }

    /// The input layout the vector kernel of this encoding reads, and how many floats it needs.
    private var preparedInputCount: Int {
        guard DotProduct.usesVectorKernels else { return 0 }
        switch encoding {
        case .bfloat16 where columns % 2 == 0: return columns
        case .float8(_, _, let blocks) where DotProduct.float8VectorSupports(blockColumns: blocks.columns):
            return 4 * DotProduct.float8StreamLength(columns)
        default: return 0
        }
    }

    private func prepare(_ x: UnsafePointer<Float>, into prepared: UnsafeMutablePointer<Float>) {
        switch encoding {
        case .bfloat16:
            // Even elements first, then odd ones: the kernel pairs them with the two halves of
            // each 32-bit weight word.
            let half = columns / 2
            for k in 0..<half {
                prepared[k] = x[2 &* k]
                prepared[half &+ k] = x[2 &* k &+ 1]
            }
        case .float8:
            DotProduct.prepareFloat8Input(x, count: columns, into: prepared)
        default:
            break
        }
    }

    private func multiplyOne(
        _ x: UnsafePointer<Float>, bias: UnsafePointer<Float>?, into y: UnsafeMutablePointer<Float>,
        parallelism: Parallelism
    ) {
        let preparedCount = preparedInputCount
        withUnsafeTemporaryAllocation(of: Float.self, capacity: max(preparedCount, 1)) { scratch in
            if preparedCount > 0 { prepare(x, into: scratch.baseAddress!) }
            let input = SendableConstPointer(x)
            let prepared = SendableConstPointer(UnsafePointer(scratch.baseAddress!))
            let output = SendablePointer(y)
            let biasPointer = bias.map(SendableConstPointer.init)
            let usePrepared = preparedCount > 0
            parallelism.forEachRange(count: rows, workPerItem: columns) { range in
                dot(
                    rows: range, input.pointer, prepared: usePrepared ? prepared.pointer : nil,
                    bias: biasPointer?.pointer, into: output.pointer)
            }
        }
    }

    /// `y[r] = W[r]·x + bias[r]` for the rows in `range`, with `prepared` the layout of
    /// `preparedInputCount` when the vector kernel runs. The encoding is switched on once.
    private func dot(
        rows range: Range<Int>, _ x: UnsafePointer<Float>, prepared: UnsafePointer<Float>?,
        bias: UnsafePointer<Float>?, into y: UnsafeMutablePointer<Float>
    ) {
        let columns = self.columns
        let vector = DotProduct.usesVectorKernels
        switch encoding {
        case .float32(let base):
            for r in range {
                let row = base + r &* columns
                y[r] = (vector ? DotProduct.float32Vector(row, x, count: columns) : DotProduct.float32(row, x, count: columns))
                    + (bias?[r] ?? 0)
            }
        case .bfloat16(let base):
            // One row at a time: blocking four bf16 rows per pass over a wide input measured
            // slower (DeepSeek-V3's 7168 columns), as the weights stop being a single stream.
            for r in range {
                let row = base + r &* columns
                let sum = prepared.map { DotProduct.bfloat16Vector(row, even: $0, odd: $0 + columns / 2, count: columns) }
                    ?? DotProduct.bfloat16(row, x, count: columns)
                y[r] = sum + (bias?[r] ?? 0)
            }
        case .mxfp4(let blocks, let scales):
            let blockCount = columns / MXFP4.blockSize
            for r in range {
                let rowBlocks = blocks + r &* blockCount &* 16
                let rowScales = scales + r &* blockCount
                let sum = vector
                    ? DotProduct.mxfp4Vector(blocks: rowBlocks, scales: rowScales, x, count: columns)
                    : DotProduct.mxfp4(blocks: rowBlocks, scales: rowScales, x, count: columns)
                y[r] = sum + (bias?[r] ?? 0)
            }
        case .float8(let codes, let scales, let blocks):
            FP8.table.withUnsafeBufferPointer { tableBuffer in
                let table = tableBuffer.baseAddress!
                var r = range.lowerBound
                if let prepared, columns >= Self.rowBlockedColumns {
                    while r &+ 2 <= range.upperBound {
                        let (first, second) = DotProduct.float8Vector2(
                            codes: codes + r &* columns, codes + (r &+ 1) &* columns,
                            scales: scales + ((blocks.firstRow &+ r) / blocks.rows) &* blocks.stride,
                            scales + ((blocks.firstRow &+ r &+ 1) / blocks.rows) &* blocks.stride,
                            blockColumns: blocks.columns, streams: prepared, x, count: columns, table: table)
                        y[r] = first + (bias?[r] ?? 0)
                        y[r &+ 1] = second + (bias?[r &+ 1] ?? 0)
                        r &+= 2
                    }
                }
                for r in r..<range.upperBound {
                    let rowCodes = codes + r &* columns
                    let rowScales = scales + ((blocks.firstRow &+ r) / blocks.rows) &* blocks.stride
                    let sum = prepared.map {
                        DotProduct.float8Vector(
                            codes: rowCodes, scales: rowScales, blockColumns: blocks.columns, streams: $0, x,
                            count: columns, table: table)
                    } ?? DotProduct.float8(
                        codes: rowCodes, scales: rowScales, blockColumns: blocks.columns, x, count: columns, table: table)
                    y[r] = sum + (bias?[r] ?? 0)
                }
            }
        }
    }

    private func multiplyBatch(
        _ x: UnsafePointer<Float>, count: Int, bias: UnsafePointer<Float>?, into y: UnsafeMutablePointer<Float>,
        parallelism: Parallelism
    ) {
        let rows = self.rows
        let columns = self.columns
        let input = SendableConstPointer(x)
        let output = SendablePointer(y)
        let biasPointer = bias.map(SendableConstPointer.init)
        let panelRows = DotProduct.panelRows
        let panelCount = (rows + panelRows - 1) / panelRows
        parallelism.forEachRange(count: panelCount, workPerItem: panelRows &* columns &* count) { panels in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: panelRows * columns) { scratch in
                let panel = scratch.baseAddress!
                var first = 0
                while first < count {
                    let tokens = min(WeightMatrix.batchTile, count - first)
                    for p in panels {
                        let firstRow = p &* panelRows
                        let rowCount = min(panelRows, rows - firstRow)
                        let weights: UnsafePointer<Float>
                        if case .float32(let base) = encoding {
                            weights = base + firstRow &* columns
                        } else {
                            for i in 0..<rowCount { copyRow(firstRow &+ i, into: panel + i &* columns) }
                            weights = UnsafePointer(panel)
                        }
                        DotProduct.panel(
                            weights, rowCount: rowCount, columns: columns,
                            inputs: input.pointer + first &* columns, inputCount: tokens,
                            into: output.pointer + (first &* rows &+ firstRow), outputStride: rows,
                            bias: biasPointer.map { $0.pointer + firstRow })
                    }
                    first &+= tokens
                }
            }
        }
    }

    /// `W·x + bias` for each consecutive run of `columns` values in `x` (one or more input
    /// vectors), concatenated in the same order.
    /// - Precondition: `x.count` is a multiple of `columns`; `bias`, when given, has `rows` values.
    /// - Complexity: O(rows · columns) per input vector.
    package func multiply(_ x: [Float], bias: [Float]? = nil, parallelism: Parallelism = .serial) -> [Float] {
        precondition(x.count % columns == 0, "input length must be a multiple of the matrix's columns")
        precondition(bias == nil || bias!.count == rows, "bias must have one value per row")
        let count = x.count / columns
        guard count > 0 else { return [] }
        return [Float](unsafeUninitializedCapacity: count * rows) { buffer, initialized in
            x.withUnsafeBufferPointer { input in
                if let bias {
                    bias.withUnsafeBufferPointer { b in
                        multiply(input.baseAddress!, count: count, bias: b.baseAddress!, into: buffer.baseAddress!, parallelism: parallelism)
                    }
                } else {
                    multiply(input.baseAddress!, count: count, bias: nil, into: buffer.baseAddress!, parallelism: parallelism)
                }
            }
            initialized = count * rows
        }
    }
}
