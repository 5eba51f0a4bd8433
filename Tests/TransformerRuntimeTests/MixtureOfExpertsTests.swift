import Foundation
import Testing
@testable import TransformerRuntime

/// The three routers, checked against values worked out by hand, and gpt-oss's MXFP4 experts at
/// gpt-oss-20b's real dimensions against their dequantized weights.
@Suite struct MixtureOfExpertsTests {
    static func router(_ routing: ExpertRouting, experts: Int, k: Int, selectionBias: [Float]? = nil) -> ExpertRouter {
        ExpertRouter(
            weight: WeightMatrix(rows: experts, columns: 1, values: Array(repeating: 0, count: experts)),
            bias: nil, selectionBias: selectionBias, routing: routing, expertsPerToken: k)
    }

    static func expect(_ choices: [ExpertRouter.Choice], experts: [Int], weights: [Float]) {
        #expect(choices.map(\.expert) == experts)
        for (choice, weight) in zip(choices, weights) {
            #expect(abs(choice.weight - weight) < 1e-4, "expert \(choice.expert): \(choice.weight) vs \(weight)")
        }
    }

    // σ of these logits: .8808 .7311 .5 .2689 | .9526 .0474 .6225 .5498 (groups of two).
    static let logits: [Float] = [2, 1, 0, -1, 3, -3, 0.5, 0.2]
    static let deepseek = ExpertRouting.groupLimitedSigmoid(.init(groupCount: 4, groupsPerToken: 2, normalized: true, scalingFactor: 2.5))

    @Test func deepseekTheCorrectionBiasChoosesButDoesNotWeigh() {
        // Biased scores .8808 .7311 .5 5.2689 | −9.0474 .0474 .6225 .5498: groups {2,3} and {0,1}
        // win; experts 3 and 0 are chosen with their unbiased scores .2689 and .8808, normalised, × 2.5.
        let router = Self.router(Self.deepseek, experts: 8, k: 2, selectionBias: [0, 0, 0, 5, -10, 0, 0, 0])
        let choices = Self.logits.withUnsafeBufferPointer { router.choose(logits: $0.baseAddress!) }
        Self.expect(choices, experts: [3, 0], weights: [2.5 * 0.2689 / 1.1497, 2.5 * 0.8808 / 1.1497])
    }

    @Test func deepseekDroppedGroupsAreMinusInfinityNotZero() {
        // Every biased score is negative. Groups {0,1} (−2.388) and {6,7} (−2.828) win; expert 4,
        // the best overall, is in a dropped group. Masking dropped experts with 0 instead of −∞
        // (as mlx-swift-lm does) would choose from the dropped groups.
        let router = Self.router(Self.deepseek, experts: 8, k: 2, selectionBias: Array(repeating: -2, count: 8))
        let choices = Self.logits.withUnsafeBufferPointer { router.choose(logits: $0.baseAddress!) }
        Self.expect(choices, experts: [0, 1], weights: [2.5 * 0.8808 / 1.6119, 2.5 * 0.7311 / 1.6119])
    }

    @Test func qwen3MoETopKOfTheSoftmaxOverAllExperts() {
        // softmax([1, 2, 3, 0]) = .0871 .2369 .6439 .0321.
        let logits: [Float] = [1, 2, 3, 0]
        let plain = Self.router(.topKOfSoftmax(normalized: false), experts: 4, k: 2)
        let normalized = Self.router(.topKOfSoftmax(normalized: true), experts: 4, k: 2)
        let gptOss = Self.router(.softmaxOverTopK, experts: 4, k: 2)
        logits.withUnsafeBufferPointer { buffer in
            Self.expect(plain.choose(logits: buffer.baseAddress!), experts: [2, 1], weights: [0.6439, 0.2369])
            Self.expect(normalized.choose(logits: buffer.baseAddress!), experts: [2, 1], weights: [0.7311, 0.2689])
            Self.expect(gptOss.choose(logits: buffer.baseAddress!), experts: [2, 1], weights: [0.7311, 0.2689])
        }
    }

    /// Random MXFP4 blocks and scales of one `[rows, columns]` expert matrix.
    static func mxfp4(rows: Int, columns: Int, seed: UInt64) -> WeightMatrix {
        var state = seed
        let blockCount = rows * columns / MXFP4.blockSize
        let blocks = OwnedBuffer(count: blockCount * 16) { bytes in
            let words = bytes.assumingMemoryBound(to: UInt64.self)
            for i in 0..<blockCount * 2 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                words[i] = state
            }
        }
        let scales = OwnedBuffer(count: blockCount) { bytes in
            for i in 0..<blockCount {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.storeBytes(of: UInt8(118 + (state >> 60) % 6), toByteOffset: i, as: UInt8.self)
            }
        }
        return WeightMatrix(
            rows: rows, columns: columns,
            encoding: .mxfp4(
                blocks: UnsafePointer(blocks.bytes.assumingMemoryBound(to: UInt8.self)),
                scales: UnsafePointer(scales.bytes.assumingMemoryBound(to: UInt8.self))),
            owners: [blocks, scales])
    }

    /// The same matrix as f32 values.
    static func dequantized(_ matrix: WeightMatrix) -> WeightMatrix {
        let values = [Float](unsafeUninitializedCapacity: matrix.rows * matrix.columns) { buffer, count in
            for r in 0..<matrix.rows { matrix.copyRow(r, into: buffer.baseAddress! + r * matrix.columns) }
            count = matrix.rows * matrix.columns
        }
        return WeightMatrix(rows: matrix.rows, columns: matrix.columns, values: values)
    }

    @Test func gptOss20bExpertsAtTheirRealDimensionsEqualTheirDequantizedWeights() {
        // gpt-oss-20b: hidden 2880, expert width 2880, gate_up [5760, 2880], down [2880, 2880].
        let hidden = 2880, width = 2880
        let gateUp = (0..<2).map { Self.mxfp4(rows: 2 * width, columns: hidden, seed: UInt64($0) + 1) }
        let down = (0..<2).map { Self.mxfp4(rows: hidden, columns: width, seed: UInt64($0) + 11) }
        let gateUpBias = (0..<2 * width).map { Float($0 % 17) - 8 }
        let downBias = (0..<hidden).map { Float($0 % 5) * 0.1 }
        let routerWeights = (0..<2 * hidden).map { Float(($0 * 7) % 13 - 6) * 0.01 }
        func layer(_ gateUp: [WeightMatrix], _ down: [WeightMatrix]) -> MixtureOfExperts {
            MixtureOfExperts(
                router: ExpertRouter(
                    weight: WeightMatrix(rows: 2, columns: hidden, values: routerWeights), bias: [0.5, -0.5],
                    selectionBias: nil, routing: .softmaxOverTopK, expertsPerToken: 2),
                experts: (0..<2).map {
                    .clampedSwiGLU(ClampedSwiGLUExpert(
                        gateUp: gateUp[$0], gateUpBias: gateUpBias, down: down[$0], downBias: downBias, limit: 7, alpha: 1.702))
                },
                shared: nil)
        }
        let quantized = layer(gateUp, down)
        let reference = layer(gateUp.map(Self.dequantized), down.map(Self.dequantized))
        #expect(gateUp[0].byteCount == 5760 * (1440 + 90))
        let x = (0..<2 * hidden).map { Float(($0 * 31) % 97 - 48) / 40 }
        // Two rows (the batched kernels) and one (the single-vector kernels), on two threads.
        let parallelism = Parallelism(threadCount: 2)
        let ours = quantized(x, count: 2, parallelism: parallelism)
        let expected = reference(x, count: 2, parallelism: parallelism)
        let scale = expected.map(abs).max() ?? 1
        #expect(maximumDifference(ours, expected) <= 1e-5 * scale)
        let single = quantized(Array(x[hidden...]), count: 1, parallelism: parallelism)
        #expect(maximumDifference(single, Array(expected[hidden...])) <= 1e-5 * scale)
        // The vector kernel on full-width rows, against the dequantized row in double precision.
        let dense = Self.dequantized(gateUp[1].rows(0..<4))
        guard case .mxfp4(let blocks, let scales) = gateUp[1].encoding else { return }
        for r in 0..<4 {
            let row = dense.row(r)
            var exact: Double = 0
            var magnitude: Double = 0
            for c in 0..<hidden {
                exact += Double(row[c]) * Double(x[c])
                magnitude += abs(Double(row[c]) * Double(x[c]))
            }
            let offset = r * hidden / MXFP4.blockSize
            let vector = DotProduct.mxfp4Vector(blocks: blocks + offset * 16, scales: scales + offset, x, count: hidden)
            #expect(abs(Double(vector) - exact) <= magnitude * 1e-6)
        }
    }
}
