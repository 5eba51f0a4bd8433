import Foundation
import Testing
@testable import TransformerRuntime

/// float8_e4m3fn decoding, the block-scaled kernels, and FP8 checkpoints as DeepSeek-V3 releases
/// them (`weight` F8_E4M3 plus `weight_scale_inv` F32, one scale per block, partial edge blocks).
@Suite struct FP8Tests {
    /// The format's definition, written independently of the runtime's table.
    static func definition(_ byte: UInt8) -> Float {
        let sign: Float = byte >= 0x80 ? -1 : 1
        let exponent = Int((byte >> 3) & 0xF)
        let mantissa = Float(byte & 7)
        if exponent == 15 && mantissa == 7 { return .nan }
        if exponent == 0 { return sign * mantissa / 8 * pow(2, -6) }
        return sign * (1 + mantissa / 8) * pow(2, Float(exponent - 7))
    }

    /// A deterministic stream of bytes that are not NaN codes.
    static func codes(_ count: Int, seed: UInt32) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            let byte = UInt8(truncatingIfNeeded: state >> 13)
            return byte & 0x7F == 0x7F ? 0x7E : byte
        }
    }

    @Test func everyCodeDecodesAsTheFormatDefines() {
        for byte in UInt8.min...UInt8.max {
            let (value, expected) = (FP8.value(byte), Self.definition(byte))
            #expect(value == expected || (value.isNaN && expected.isNaN), "code \(byte)")
        }
        #expect(FP8.value(0x7E) == 448 && FP8.value(0xFE) == -448)
        #expect(FP8.value(0x38) == 1 && FP8.value(0x01) == 0x1p-9 && FP8.value(0x08) == 0x1p-6)
        #expect(FP8.value(0x80).sign == .minus && FP8.value(0x80) == 0)
        #expect(FP8.value(0x7F).isNaN && FP8.value(0xFF).isNaN)
    }

    @Test func laneDecodingMatchesTheTableForEveryCode() {
        for first in stride(from: 0, to: 256, by: 16) {
            let bytes = (0..<16).map { UInt8(first + $0) }
            let words = bytes.withUnsafeBytes { $0.loadUnaligned(as: SIMD4<Int32>.self) }
            let nan = FP8.nanBits(words)
            for k in 0..<4 {
                let lanes = FP8.scaledLanes(words, byte: k) * 0x1p120
                for j in 0..<4 {
                    let byte = bytes[4 * j + k]
                    let flagged = (UInt32(bitPattern: nan[j]) >> (8 * k + 7)) & 1 == 1
                    #expect(flagged == FP8.value(byte).isNaN, "NaN flag of code \(byte)")
                    if !FP8.value(byte).isNaN {
                        #expect(lanes[j] == FP8.value(byte), "code \(byte)")
                    }
                }
            }
        }
    }

    @Test(arguments: [(70, 16), (64, 16), (24, 8), (9, 4), (33, 12), (5, 6)])
    func rowKernelsAgreeWithDequantization(columns: Int, block: Int) {
        let codes = Self.codes(columns, seed: UInt32(columns * 31 + block))
        let blocks = (columns + block - 1) / block
        let scales: [Float] = (0..<blocks).map { b in Float(b + 1) * 0.37 }
        let x: [Float] = (0..<columns).map { i in Float((i * 7919) % 201 - 100) / 37 }
        var exact: Double = 0
        var magnitude: Double = 0
        for i in 0..<columns {
            let w = Double(FP8.value(codes[i])) * Double(scales[i / block])
            exact += w * Double(x[i])
            magnitude += abs(w * Double(x[i]))
        }
        let tolerance = Float(magnitude * 1e-6)
        FP8.table.withUnsafeBufferPointer { table in
            let scalar = DotProduct.float8(
                codes: codes, scales: scales, blockColumns: block, x, count: columns, table: table.baseAddress!)
            #expect(abs(scalar - Float(exact)) <= tolerance)
            if DotProduct.float8VectorSupports(blockColumns: block) {
                var streams = [Float](repeating: .nan, count: 4 * DotProduct.float8StreamLength(columns))
                DotProduct.prepareFloat8Input(x, count: columns, into: &streams)
                let vector = DotProduct.float8Vector(
                    codes: codes, scales: scales, blockColumns: block, streams: streams, x, count: columns,
                    table: table.baseAddress!)
                #expect(abs(vector - Float(exact)) <= tolerance)
            }
        }
        // Two rows at a time (the row-blocked kernel), the second with other codes and scales.
        if DotProduct.float8VectorSupports(blockColumns: block) {
            let other = Self.codes(columns, seed: UInt32(columns + 5))
            let otherScales = scales.map { $0 * 1.5 }
            var streams = [Float](repeating: 0, count: 4 * DotProduct.float8StreamLength(columns))
            DotProduct.prepareFloat8Input(x, count: columns, into: &streams)
            FP8.table.withUnsafeBufferPointer { table in
                let (first, second) = DotProduct.float8Vector2(
                    codes: codes, other, scales: scales, otherScales, blockColumns: block, streams: streams, x,
                    count: columns, table: table.baseAddress!)
                let secondAlone = DotProduct.float8(
                    codes: other, scales: otherScales, blockColumns: block, x, count: columns, table: table.baseAddress!)
                #expect(abs(first - Float(exact)) <= tolerance)
                #expect(abs(second - secondAlone) <= 1e-5 * max(1, abs(secondAlone)) * Float(columns))
            }
        }
        for vector in [false, true] {
            var row = [Float](repeating: .nan, count: columns)
            DotProduct.dequantizeFloat8(
                codes: codes, scales: scales, blockColumns: block, count: columns, into: &row, vector: vector)
            #expect(row == (0..<columns).map { FP8.value(codes[$0]) * scales[$0 / block] })
        }
    }

    @Test func aNaNCodeMakesTheProductNaN() {
        var codes = Self.codes(32, seed: 5)
        codes[21] = 0xFF
        let scales: [Float] = [1, 1]
        let x = [Float](repeating: 1, count: 32)
        var streams = [Float](repeating: 0, count: 32)
        DotProduct.prepareFloat8Input(x, count: 32, into: &streams)
        FP8.table.withUnsafeBufferPointer { table in
            #expect(DotProduct.float8(codes: codes, scales: scales, blockColumns: 16, x, count: 32, table: table.baseAddress!).isNaN)
            #expect(DotProduct.float8Vector(
                codes: codes, scales: scales, blockColumns: 16, streams: streams, x, count: 32, table: table.baseAddress!).isNaN)
        }
        var row = [Float](repeating: 0, count: 32)
        DotProduct.dequantizeFloat8(codes: codes, scales: scales, blockColumns: 16, count: 32, into: &row, vector: true)
        #expect(row[21].isNaN && !row[20].isNaN && !row[31].isNaN)
    }

    /// An FP8 matrix of `rows × columns` with blocks `blockRows × blockColumns`, read from a
    /// safetensors file, and the f32 matrix of its dequantized values.
    static func matrices(rows: Int, columns: Int, blockRows: Int, blockColumns: Int) throws -> (WeightMatrix, WeightMatrix, String) {
        let codes = Self.codes(rows * columns, seed: 77)
        let scaleShape = [(rows + blockRows - 1) / blockRows, (columns + blockColumns - 1) / blockColumns]
        let scales: [Float] = (0..<scaleShape[0] * scaleShape[1]).map { b in Float(b % 5 + 1) * 0.01 }
        let directory = try SafetensorsWriter.temporaryDirectory()
        try SafetensorsWriter.write(SafetensorsWriter.encode([
            SafetensorsWriter.bytes("w.weight", dtype: "F8_E4M3", [rows, columns], codes),
            SafetensorsWriter.float32("w.weight_scale_inv", scaleShape, scales),
        ]), to: directory + "/model.safetensors")
        let checkpoint = try SafetensorsCheckpoint(directory: directory)
        let fp8 = try WeightMatrix(
            float8: checkpoint.tensor("w.weight"), scales: checkpoint.tensor("w.weight_scale_inv"),
            blockRows: blockRows, blockColumns: blockColumns)
        let values = (0..<rows * columns).map { i in
            FP8.value(codes[i]) * scales[(i / columns / blockRows) * scaleShape[1] + (i % columns) / blockColumns]
        }
        return (fp8, WeightMatrix(rows: rows, columns: columns, values: values), directory)
    }

    @Test func matrixProductsWithPartialBlocksAndRowSlices() throws {
        let (fp8, dense, directory) = try Self.matrices(rows: 23, columns: 40, blockRows: 8, blockColumns: 16)
        defer { SafetensorsWriter.remove(directory) }
        #expect(fp8.byteCount == 23 * 40 + 3 * 3 * 4)
        if case .float8(_, _, _) = fp8.encoding {} else { Issue.record("expected the FP8 encoding, in place") }
        #expect(fp8.owners.first is MappedFile)
        let inputs: [Float] = (0..<3 * 40).map { i in Float((i * 37) % 101 - 50) / 13 }
        for threads in [1, 3] {
            let parallelism = Parallelism(threadCount: threads)
            let batched = fp8.multiply(inputs, parallelism: parallelism)
            let reference = dense.multiply(inputs, parallelism: parallelism)
            #expect(maximumDifference(batched, reference) < 1e-4)
            let single = fp8.multiply(Array(inputs[40..<80]), parallelism: parallelism)
            #expect(maximumDifference(single, Array(reference[23..<46])) < 1e-4)
        }
        // A slice starting inside a block of rows keeps each row's own scales.
        let slice = fp8.rows(5..<19)
        for r in 0..<14 {
            #expect(slice.row(r) == dense.row(r + 5))
        }
        #expect(maximumDifference(slice.multiply(Array(inputs[..<40])), Array(dense.multiply(Array(inputs[..<40]))[5..<19])) < 1e-4)
    }

    @Test func transposedAccumulationMatchesTheDenseTranspose() throws {
        let (fp8, dense, directory) = try Self.matrices(rows: 12, columns: 20, blockRows: 8, blockColumns: 16)
        defer { SafetensorsWriter.remove(directory) }
        let x: [Float] = (0..<2 * 12).map { i in Float(i % 7) - 3 }
        var y = [Float](repeating: 0, count: 2 * 20)
        fp8.accumulateTransposed(x, inputStride: 12, count: 2, into: &y, outputStride: 20)
        for t in 0..<2 {
            for c in 0..<20 {
                let expected = (0..<12).reduce(Float(0)) { $0 + x[t * 12 + $1] * dense.row($1)[c] }
                #expect(abs(y[t * 20 + c] - expected) < 1e-4)
            }
        }
    }
}
