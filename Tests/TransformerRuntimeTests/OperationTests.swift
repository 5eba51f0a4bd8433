import Foundation
import Testing
@testable import TransformerRuntime

/// The numeric building blocks, against values worked out independently.
@Suite struct OperationTests {
    @Test func yarnFrequenciesOfGptOss() {
        // gpt-oss: θ = 150000, d = 64, factor 32, β 32/1, original context 4096, truncate false.
        let yarn = RopeScaling.YarnParameters(
            factor: 32, originalMaxPositionEmbeddings: 4096, betaFast: 32, betaSlow: 1, truncate: false)
        let rope = RotaryEmbedding(dimension: 64, theta: 150_000, scaling: .yarn(yarn))
        #expect(abs(rope.attentionFactor - 1.346574) < 1e-6)
        // Below the correction range (i ≤ 8) frequencies are unchanged; above it (i ≥ 18) they are
        // divided by the factor; in between they blend linearly (low 8.0928, high 17.3980).
        #expect(abs(rope.inverseFrequencies[0] - 1) < 1e-7)
        #expect(abs(rope.inverseFrequencies[1] - 0.689044) < 1e-6)
        #expect(abs(rope.inverseFrequencies[2] - 0.474782) < 1e-6)
        let plain = RotaryEmbedding(dimension: 64, theta: 150_000, scaling: .none)
        #expect(rope.inverseFrequencies[8] == plain.inverseFrequencies[8])
        #expect(abs(rope.inverseFrequencies[20] - plain.inverseFrequencies[20] / 32) < 1e-12)
        let ramp = (12 - 8.0928) / (17.3980 - 8.0928)
        let blended = Double(plain.inverseFrequencies[12]) * (1 - ramp) + Double(plain.inverseFrequencies[12]) / 32 * ramp
        #expect(abs(Double(rope.inverseFrequencies[12]) - blended) < 1e-6)

        // With truncation (the YaRN default) the range becomes [8, 18], which changes i = 9 ... 17.
        var truncated = yarn
        truncated.truncate = true
        let rounded = RotaryEmbedding(dimension: 64, theta: 150_000, scaling: .yarn(truncated))
        let expected = Double(plain.inverseFrequencies[12]) * (1 - 0.4) + Double(plain.inverseFrequencies[12]) / 32 * 0.4
        #expect(abs(Double(rounded.inverseFrequencies[12]) - expected) < 1e-6)
    }

    @Test func yarnAttentionFactorFromMscales() {
        // DeepSeek-V3 style: mscale = mscale_all_dim = 1 gives a factor of exactly 1.
        let both = RopeScaling.YarnParameters(factor: 40, originalMaxPositionEmbeddings: 4096, mscale: 1, mscaleAllDim: 1)
        #expect(RotaryEmbedding.yarnAttentionFactor(both) == 1)
        let explicit = RopeScaling.YarnParameters(factor: 40, originalMaxPositionEmbeddings: 4096, attentionFactor: 0.5)
        #expect(RotaryEmbedding.yarnAttentionFactor(explicit) == 0.5)
    }

    @Test func defaultRopeRotatesHalfSplitPairs() {
        let rope = RotaryEmbedding(dimension: 4, theta: 10_000, scaling: .none)
        #expect(rope.inverseFrequencies == [1, 0.01])
        var cosines = [Float](repeating: 0, count: 2)
        var sines = [Float](repeating: 0, count: 2)
        rope.fillTable(position: 3, cos: &cosines, sin: &sines)
        var x: [Float] = [1, 2, 3, 4]
        RotaryEmbedding.rotate(&x, half: 2, cos: cosines, sin: sines)
        // Pairs are (0, 2) at angle 3 and (1, 3) at angle 0.03.
        let expected: [Double] = [
            1 * cos(3.0) - 3 * sin(3.0), 2 * cos(0.03) - 4 * sin(0.03),
            3 * cos(3.0) + 1 * sin(3.0), 4 * cos(0.03) + 2 * sin(0.03),
        ]
        for (value, reference) in zip(x, expected) {
            #expect(abs(Double(value) - reference) < 1e-5)
        }
    }

    @Test func mxfp4DecodesLowNibbleFirstWithPowerOfTwoScales() {
        // Byte 0x92: low nibble 2 (+1.0) is element 0, high nibble 9 (−0.5) is element 1.
        var blocks = [UInt8](repeating: 0, count: 16)
        blocks[0] = 0x92
        blocks[15] = 0x7F  // element 30: code 15 (−6), element 31: code 7 (+6)
        let scales: [UInt8] = [129]  // × 4
        var output = [Float](repeating: .nan, count: 32)
        MXFP4.dequantize(blocks: blocks, scales: scales, count: 32, into: &output)
        #expect(output[0] == 4 && output[1] == -2)
        #expect(output[30] == -24 && output[31] == 24)
        #expect(output[2 ..< 30].allSatisfy { $0 == 0 })
        #expect(MXFP4.scale(127) == 1 && MXFP4.scale(0) == 0x1p-127 && MXFP4.scale(130) == 8)
    }

    @Test func matrixProductsAgreeAcrossEncodingsAndThreads() {
        let rows = 300, columns = 64
        var state: UInt32 = 7
        func next() -> Float {
            state = state &* 1_664_525 &+ 1_013_904_223
            return Float(Int(state >> 16) % 2001 - 1000) / 250
        }
        // bf16-exact values, so that f32 and bf16 storage hold the same numbers.
        let values = (0..<rows * columns).map { _ in FloatConversion.float(fromBFloat16: FloatConversion.bfloat16(from: next())) }
        let inputs = (0..<3 * columns).map { _ in next() }
        let bias = (0..<rows).map { _ in next() }
        var naive = [Float](repeating: 0, count: 3 * rows)
        for t in 0..<3 {
            for r in 0..<rows {
                var sum: Double = 0
                for c in 0..<columns { sum += Double(values[r * columns + c]) * Double(inputs[t * columns + c]) }
                naive[t * rows + r] = Float(sum) + bias[r]
            }
        }
        let f32 = WeightMatrix(rows: rows, columns: columns, values: values)
        let bf16 = WeightMatrix(rows: rows, columns: columns, bfloat16Bits: values.map(FloatConversion.bfloat16(from:)))
        for matrix in [f32, bf16] {
            let serial = matrix.multiply(inputs, bias: bias, parallelism: .serial)
            let threaded = matrix.multiply(inputs, bias: bias, parallelism: Parallelism(threadCount: 4))
            #expect(serial == threaded)
            #expect(maximumDifference(serial, naive) < 1e-3)
            let single = matrix.multiply(Array(inputs[columns ..< 2 * columns]), bias: bias)
            #expect(single == Array(serial[rows ..< 2 * rows]))
        }
    }

    @Test(arguments: [2, 16, 70, 1024])
    func vectorAndScalarKernelsAgree(columns: Int) {
        var state: UInt32 = UInt32(columns)
        func next() -> Float {
            state = state &* 1_664_525 &+ 1_013_904_223
            return Float(Int(state >> 16) % 2001 - 1000) / 300
        }
        let weights = (0..<columns).map { _ in FloatConversion.bfloat16(from: next()) }
        let widened = weights.map(FloatConversion.float(fromBFloat16:))
        let x = (0..<columns).map { _ in next() }
        let even = stride(from: 0, to: columns, by: 2).map { x[$0] }
        let odd = stride(from: 1, to: columns, by: 2).map { x[$0] }
        var exact: Double = 0
        var magnitude: Double = 0
        for i in 0..<columns {
            exact += Double(widened[i]) * Double(x[i])
            magnitude += abs(Double(widened[i]) * Double(x[i]))
        }
        let tolerance = Float(magnitude * 1e-6)
        let scalar = DotProduct.bfloat16(weights, x, count: columns)
        let vector = DotProduct.bfloat16Vector(weights, even: even, odd: odd, count: columns)
        #expect(abs(scalar - Float(exact)) <= tolerance)
        #expect(abs(vector - Float(exact)) <= tolerance)
        #expect(abs(DotProduct.float32(widened, x, count: columns) - Float(exact)) <= tolerance)
        #expect(abs(DotProduct.float32Vector(widened, x, count: columns) - Float(exact)) <= tolerance)
    }

    @Test func mxfp4KernelsAgreeWithDequantization() {
        let columns = 96
        var state: UInt32 = 99
        func next() -> UInt32 {
            state = state &* 1_664_525 &+ 1_013_904_223
            return state >> 8
        }
        let blocks = (0..<columns / 2).map { _ in UInt8(truncatingIfNeeded: next()) }
        let scales: [UInt8] = [125, 127, 130]
        let x = (0..<columns).map { _ in Float(Int(next() % 2001) - 1000) / 300 }
        var dense = [Float](repeating: 0, count: columns)
        MXFP4.dequantize(blocks: blocks, scales: scales, count: columns, into: &dense)
        var exact: Double = 0
        var magnitude: Double = 0
        for i in 0..<columns {
            exact += Double(dense[i]) * Double(x[i])
            magnitude += abs(Double(dense[i]) * Double(x[i]))
        }
        let tolerance = Float(magnitude * 1e-6)
        #expect(abs(DotProduct.mxfp4(blocks: blocks, scales: scales, x, count: columns) - Float(exact)) <= tolerance)
        #expect(abs(DotProduct.mxfp4Vector(blocks: blocks, scales: scales, x, count: columns) - Float(exact)) <= tolerance)
    }

    @Test func softmaxWithSinkLeavesMassForTheSink() {
        let p = VectorMath.softmax([1, 2, 3], extraLogit: 2.5)
        let denominator = exp(1.0) + exp(2.0) + exp(3.0) + exp(2.5)
        for (value, logit) in zip(p, [1.0, 2.0, 3.0]) {
            #expect(abs(Double(value) - exp(logit) / denominator) < 1e-6)
        }
        #expect(abs(VectorMath.softmax([1000, 1000]).reduce(0, +) - 1) < 1e-6)
    }

    @Test func rmsNormAndTopK() {
        let y = VectorMath.rmsNorm([3, 4], weight: [1, 2], epsilon: 0)
        let rms = (12.5 as Float).squareRoot()
        #expect(abs(y[0] - 3 / rms) < 1e-6 && abs(y[1] - 8 / rms) < 1e-6)
        #expect(VectorMath.topK([0.5, 3, -1, 3, 2, .nan], k: 3) == [1, 3, 4])
        #expect(VectorMath.topK([1, 2], k: 5) == [1, 0])
        #expect(abs(VectorMath.silu(2) - 2 / (1 + exp(-2))) < 1e-6)
    }

    @Test func floatConversions() {
        #expect(FloatConversion.bfloat16(from: 1.0) == 0x3F80)
        // Ties round to even: 1 + 2^-8 is halfway between 1 and 1 + 2^-7.
        #expect(FloatConversion.bfloat16(from: 1 + 0x1p-8) == 0x3F80)
        #expect(FloatConversion.bfloat16(from: 1 + 0x1p-8 + 0x1p-20) == 0x3F81)
        #expect(FloatConversion.float(fromFloat16: 0x3555) == 0.333251953125)
        #expect(FloatConversion.float(fromFloat16: 0x8000).sign == .minus)
        #expect(FloatConversion.float(fromFloat16: 0x7E00).isNaN)
    }
}
