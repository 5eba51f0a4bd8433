import Foundation
import Testing
@testable import TransformerRuntime

/// A checkpoint whose linear weights are block-quantized FP8, as DeepSeek-V3 (and Qwen3's FP8
/// releases) ship them, and the errors for corrupt or unsupported ones.
@Suite struct FP8CheckpointTests {
    /// Blocks of 5 rows × 8 columns: partial at the bottom of every matrix of the tiny model and
    /// at the right of the 12-column down projections.
    static let quantization = #"{"quant_method": "fp8", "fmt": "e4m3", "activation_scheme": "dynamic", "weight_block_size": [5, 8]}"#

    static func config(quantization: String? = Self.quantization) -> String {
        guard let quantization else { return TinyQwen3Checkpoint.config }
        return TinyQwen3Checkpoint.config.replacingOccurrences(
            of: #""tie_word_embeddings": true}"#, with: #""tie_word_embeddings": true, "quantization_config": \#(quantization)}"#)
    }

    static func isLinear(_ entry: SafetensorsWriter.Entry) -> Bool {
        entry.shape.count == 2 && !entry.name.contains("embed_tokens")
    }

    /// The FP8 codes and f32 scales of an f32 matrix (scale = block maximum / 448, nearest code),
    /// and the f32 matrix of the values they stand for.
    static func quantize(_ entry: SafetensorsWriter.Entry, blockRows: Int = 5, blockColumns: Int = 8)
        -> (codes: SafetensorsWriter.Entry, scales: SafetensorsWriter.Entry, dequantized: SafetensorsWriter.Entry)
    {
        let (rows, columns) = (entry.shape[0], entry.shape[1])
        let values = entry.data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        let scaleShape = [(rows + blockRows - 1) / blockRows, (columns + blockColumns - 1) / blockColumns]
        var scales = [Float](repeating: 0, count: scaleShape[0] * scaleShape[1])
        for i in values.indices {
            let block = (i / columns / blockRows) * scaleShape[1] + (i % columns) / blockColumns
            scales[block] = max(scales[block], abs(values[i]) / 448)
        }
        let candidates = (0..<255).map(UInt8.init).filter { !FP8.value($0).isNaN }
        var codes = [UInt8](repeating: 0, count: values.count)
        var dequantized = [Float](repeating: 0, count: values.count)
        for i in values.indices {
            let scale = scales[(i / columns / blockRows) * scaleShape[1] + (i % columns) / blockColumns]
            let code = candidates.min { abs(FP8.value($0) * scale - values[i]) < abs(FP8.value($1) * scale - values[i]) }!
            codes[i] = code
            dequantized[i] = FP8.value(code) * scale
        }
        return (
            SafetensorsWriter.bytes(entry.name, dtype: "F8_E4M3", entry.shape, codes),
            SafetensorsWriter.float32(entry.name + "_scale_inv", scaleShape, scales),
            SafetensorsWriter.float32(entry.name, entry.shape, dequantized))
    }

    /// The tiny Qwen3 checkpoint with FP8 linear weights; `change` may replace the entries of one.
    static func write(
        config: String = Self.config(),
        change: (SafetensorsWriter.Entry, SafetensorsWriter.Entry) -> [SafetensorsWriter.Entry] = { [$0, $1] }
    ) throws -> String {
        try TinyQwen3Checkpoint.write(configuration: config) { entry in
            guard isLinear(entry) else { return [entry] }
            let quantized = quantize(entry)
            return change(quantized.codes, quantized.scales)
        }
    }

    @Test func anFP8CheckpointComputesWithItsDequantizedWeights() throws {
        let fp8 = try Self.write()
        let dense = try TinyQwen3Checkpoint.write { Self.isLinear($0) ? Self.quantize($0).dequantized : $0 }
        defer {
            SafetensorsWriter.remove(fp8)
            SafetensorsWriter.remove(dense)
        }
        let quantized = try LanguageModel(directory: fp8)
        let reference = try LanguageModel(directory: dense)
        #expect(quantized.configuration.quantization == .fp8(blockRows: 5, blockColumns: 8))
        guard case .standard(let attention) = quantized.layers[0].attention, case .float8 = attention.query.encoding else {
            Issue.record("expected FP8 attention weights")
            return
        }
        // Codes are 1 byte and scales are read as stored: no f32 copy of the weights.
        #expect(attention.query.byteCount == 8 * 8 + 2 * 1 * 4)
        let prompt: [UInt32] = [1, 2, 3, 5, 8]
        #expect(maximumDifference(try quantized.logits(for: prompt), try reference.logits(for: prompt)) < 1e-4)
        let parameters = GenerationParameters(maxNewTokens: 8)
        #expect(try quantized.generate(prompt: prompt, parameters: parameters).tokens
            == reference.generate(prompt: prompt, parameters: parameters).tokens)
    }

    @Test func aMissingScaleIsNamed() throws {
        let directory = try Self.write { codes, scales in
            codes.name == "model.layers.1.mlp.down_proj.weight" ? [codes] : [codes, scales]
        }
        defer { SafetensorsWriter.remove(directory) }
        let error = #expect(throws: ModelError.self) { try LanguageModel(directory: directory) }
        #expect(error?.kind == .missingTensor)
        #expect(error?.description.hasPrefix(
            "tensor model.layers.1.mlp.down_proj.weight is F8_E4M3, but its scales model.layers.1.mlp.down_proj.weight_scale_inv are missing") == true)
    }

    @Test func aBlockSizeThatDoesNotMatchTheScalesIsNamed() throws {
        let declared = Self.quantization.replacingOccurrences(of: "[5, 8]", with: "[3, 8]")
        let directory = try Self.write(config: Self.config(quantization: declared))
        defer { SafetensorsWriter.remove(directory) }
        let error = #expect(throws: ModelError.self) { try LanguageModel(directory: directory) }
        #expect(error?.kind == .shapeMismatch)
        #expect(error?.description == "tensor model.layers.0.mlp.gate_proj.weight_scale_inv has shape [3, 1], "
            + "but blocks of 3×8 (quantization_config.weight_block_size) over model.layers.0.mlp.gate_proj.weight [12, 8] need [4, 1]")
    }

    @Test func fp8WeightsWithoutAQuantizationConfigAreNamed() throws {
        let directory = try Self.write(config: Self.config(quantization: nil))
        defer { SafetensorsWriter.remove(directory) }
        let error = #expect(throws: ModelError.self) { try LanguageModel(directory: directory) }
        #expect(error?.kind == .unsupportedDataType)
        #expect(error?.description == "tensor model.layers.0.mlp.gate_proj.weight is F8_E4M3, "
            + "but config.json has no quantization_config with quant_method fp8 (which gives its block size)")
    }

    @Test func scalesAndWeightsOfTheWrongTypeAreNamed() throws {
        let byteScales = try Self.write { codes, scales in
            guard codes.name == "model.layers.0.mlp.up_proj.weight" else { return [codes, scales] }
            return [codes, SafetensorsWriter.bytes(scales.name, dtype: "U8", scales.shape, Array(repeating: 1, count: scales.shape.reduce(1, *)))]
        }
        let e5m2 = try Self.write { codes, scales in
            guard codes.name == "model.layers.1.self_attn.v_proj.weight" else { return [codes, scales] }
            var other = codes
            other.dtype = "F8_E5M2"
            return [other, scales]
        }
        defer {
            SafetensorsWriter.remove(byteScales)
            SafetensorsWriter.remove(e5m2)
        }
        let scaleError = #expect(throws: ModelError.self) { try LanguageModel(directory: byteScales) }
        #expect(scaleError?.kind == .unsupportedDataType)
        #expect(scaleError?.description == "tensor model.layers.0.mlp.up_proj.weight_scale_inv is U8, expected F32, BF16 or F16")
        let weightError = #expect(throws: ModelError.self) { try LanguageModel(directory: e5m2) }
        #expect(weightError?.kind == .unsupportedDataType)
        #expect(weightError?.description.contains("tensor model.layers.1.self_attn.v_proj.weight") == true)
        #expect(weightError?.description.contains("F8_E5M2") == true)
    }

    @Test func unsupportedQuantizationSettingsAreNamed() throws {
        for (setting, named) in [
            (#"{"quant_method": "gptq", "bits": 4}"#, #"unsupported quant_method "gptq" at "quantization_config.quant_method""#),
            (#"{"quant_method": "fp8", "fmt": "e5m2"}"#, #""quantization_config.fmt" must be "e4m3" (float8_e4m3fn weights), found "e5m2""#),
            (#"{"quant_method": "fp8", "weight_block_size": [128]}"#, #""quantization_config.weight_block_size" must be two positive integers [rows, columns], found [128]"#),
            (#"{"quant_method": "fp8", "weight_block_size": [128, 0]}"#, #""quantization_config.weight_block_size" must be a list of integers in 1..<65537, found [128,0]"#),
            (#"{"quant_method": "mxfp4"}"#, #"unsupported quant_method "mxfp4" at "quantization_config.quant_method" for qwen3"#),
            (#"{"bits": 8}"#, #"missing "quantization_config.quant_method""#),
            (#""fp8""#, #""quantization_config" must be an object, found "fp8""#),
        ] {
            let error = #expect(throws: ModelError.self) {
                try ModelConfiguration(json: Data(Self.config(quantization: setting).utf8))
            }
            #expect(error?.kind == .invalidConfiguration)
            #expect(error?.description.contains(named) == true, "\(error?.description ?? "")")
            #expect(error?.description.contains("quantization_config") == true)
        }
        let defaults = try ModelConfiguration(json: Data(Self.config(quantization: #"{"quant_method": "fp8"}"#).utf8))
        #expect(defaults.quantization == .fp8(blockRows: 128, blockColumns: 128))
    }
}
