extension WeightMatrix {
    /// `y[t] = W·x[t] + bias` for each of `count` input rows.
    ///
    /// `x` holds `count` rows of `columns` values, `y` receives `count` rows of `rows` values.
    /// Output rows are split across threads; with several inputs each weight row is widened to
    /// f32 once and reused for all of them.
    /// - Complexity: O(count · rows · columns).
    func multiply(
        _ x: UnsafePointer<Float>, count: Int, bias: UnsafePointer<Float>?,
        into y: UnsafeMutablePointer<Float>, parallelism: Parallelism
    ) {
        if case .bfloat16(let base) = encoding, DotProduct.usesVectorKernels, columns % 2 == 0 {
            multiplyBFloat16Vector(base, x, count: count, bias: bias, into: y, parallelism: parallelism)
            return
        }
        let rows = self.rows
        let columns = self.columns
        let output = SendablePointer(y)
        let input = SendableConstPointer(x)
        let biasPointer = bias.map(SendableConstPointer.init)
        let vector = DotProduct.usesVectorKernels
        parallelism.forEachRange(count: rows, workPerItem: columns &* count) { range in
            let x = input.pointer
            let y = output.pointer
            let bias = biasPointer?.pointer
            if count == 1 {
                for r in range {
                    y[r] = dot(row: r, x) + (bias?[r] ?? 0)
                }
                return
            }
            func rowTimesInputs(_ weights: UnsafePointer<Float>, row r: Int) {
                let offset = bias?[r] ?? 0
                for t in 0..<count {
                    let sum = vector
                        ? DotProduct.float32Vector(weights, x + t &* columns, count: columns)
                        : DotProduct.float32(weights, x + t &* columns, count: columns)
                    y[t &* rows &+ r] = sum + offset
                }
            }
            if case .float32(let base) = encoding {
                for r in range { rowTimesInputs(base + r &* columns, row: r) }
                return
            }
            withUnsafeTemporaryAllocation(of: Float.self, capacity: columns) { scratch in
                for r in range {
                    copyRow(r, into: scratch.baseAddress!)
                    rowTimesInputs(scratch.baseAddress!, row: r)
                }
            }
        }
    }

    /// The bf16 product with the vector kernel: each input row is split once into its even and
    /// odd elements, which the kernel pairs with the low and high halves of each weight word.
    private func multiplyBFloat16Vector(
        _ base: UnsafePointer<UInt16>, _ x: UnsafePointer<Float>, count: Int, bias: UnsafePointer<Float>?,
        into y: UnsafeMutablePointer<Float>, parallelism: Parallelism
    ) {
        let rows = self.rows
        let columns = self.columns
        let half = columns / 2
        var split = [Float](repeating: 0, count: count * columns)
        split.withUnsafeMutableBufferPointer { buffer in
            let destination = buffer.baseAddress!
            for t in 0..<count {
                for k in 0..<half {
                    destination[t * columns + k] = x[t * columns + 2 * k]
                    destination[t * columns + half + k] = x[t * columns + 2 * k + 1]
                }
            }
        }
        split.withUnsafeBufferPointer { buffer in
            let inputs = SendableConstPointer(buffer.baseAddress!)
            let weights = SendableConstPointer(base)
            let output = SendablePointer(y)
            let biasPointer = bias.map(SendableConstPointer.init)
            parallelism.forEachRange(count: rows, workPerItem: columns &* count) { range in
                let bias = biasPointer?.pointer
                for r in range {
                    let row = weights.pointer + r &* columns
                    let offset = bias?[r] ?? 0
                    for t in 0..<count {
                        let even = inputs.pointer + t &* columns
                        output.pointer[t &* rows &+ r] =
                            DotProduct.bfloat16Vector(row, even: even, odd: even + half, count: columns) + offset
                    }
                }
            }
        }
    }

    /// `W·x + bias` for each consecutive run of `columns` values in `x` (one or more input
    /// vectors), concatenated in the same order.
    /// - Precondition: `x.count` is a multiple of `columns`; `bias`, when given, has `rows` values.
    /// - Complexity: O(rows · columns).
    public func multiply(_ x: [Float], bias: [Float]? = nil, parallelism: Parallelism = .serial) -> [Float] {
        precondition(x.count % columns == 0, "input length must be a multiple of the matrix's columns")
        precondition(bias == nil || bias!.count == rows, "bias must have one value per row")
        let count = x.count / columns
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

/// A pointer handed to worker threads that each write a disjoint part of its memory.
struct SendablePointer<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    init(_ pointer: UnsafeMutablePointer<Element>) { self.pointer = pointer }
}

/// A pointer to memory that worker threads only read.
struct SendableConstPointer<Element>: @unchecked Sendable {
    let pointer: UnsafePointer<Element>
    init(_ pointer: UnsafePointer<Element>) { self.pointer = pointer }
}
