import Foundation

/// Writes small safetensors files and model folders for tests.
enum SafetensorsWriter {
    struct Entry {
        var name: String
        var dtype: String
        var shape: [Int]
        var data: Data
    }

    static func float32(_ name: String, _ shape: [Int], _ values: [Float]) -> Entry {
        Entry(name: name, dtype: "F32", shape: shape, data: values.withUnsafeBytes { Data($0) })
    }

    static func bfloat16(_ name: String, _ shape: [Int], _ values: [Float]) -> Entry {
        let bits = values.map { UInt16($0.bitPattern >> 16) }
        return Entry(name: name, dtype: "BF16", shape: shape, data: bits.withUnsafeBytes { Data($0) })
    }

    static func bytes(_ name: String, dtype: String, _ shape: [Int], _ values: [UInt8]) -> Entry {
        Entry(name: name, dtype: dtype, shape: shape, data: Data(values))
    }

    /// The bytes of a safetensors file holding `entries` in order.
    static func encode(_ entries: [Entry]) -> Data {
        var header: [String] = []
        var offset = 0
        for entry in entries {
            let shape = entry.shape.map(String.init).joined(separator: ",")
            header.append("\"\(entry.name)\":{\"dtype\":\"\(entry.dtype)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + entry.data.count)]}")
            offset += entry.data.count
        }
        var json = Data(("{" + header.joined(separator: ",") + "}").utf8)
        while json.count % 8 != 0 { json.append(0x20) }
        var file = Data()
        var length = UInt64(json.count).littleEndian
        file.append(Data(bytes: &length, count: 8))
        file.append(json)
        for entry in entries { file.append(entry.data) }
        return file
    }

    /// A new empty folder under the temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "runtime-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Deletes a folder made by `temporaryDirectory()`.
    static func remove(_ directory: String) {
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func write(_ data: Data, to path: String) throws {
        try data.write(to: URL(fileURLWithPath: path))
    }
}

/// A very small random Qwen3 checkpoint (vocabulary 16) whose tensors a test may drop or reshape.
struct TinyQwen3Checkpoint {
    static let config = """
        {"model_type": "qwen3", "vocab_size": 16, "hidden_size": 8, "intermediate_size": 12,
         "num_hidden_layers": 2, "num_attention_heads": 2, "num_key_value_heads": 1, "head_dim": 4,
         "rms_norm_eps": 1e-6, "rope_theta": 1000000.0, "tie_word_embeddings": true}
        """

    /// Name → shape of every tensor.
    static var shapes: [(String, [Int])] {
        var shapes: [(String, [Int])] = [("model.embed_tokens.weight", [16, 8]), ("model.norm.weight", [8])]
        for layer in 0..<2 {
            let p = "model.layers.\(layer)."
            shapes += [
                (p + "input_layernorm.weight", [8]), (p + "post_attention_layernorm.weight", [8]),
                (p + "self_attn.q_proj.weight", [8, 8]), (p + "self_attn.k_proj.weight", [4, 8]),
                (p + "self_attn.v_proj.weight", [4, 8]), (p + "self_attn.o_proj.weight", [8, 8]),
                (p + "self_attn.q_norm.weight", [4]), (p + "self_attn.k_norm.weight", [4]),
                (p + "mlp.gate_proj.weight", [12, 8]), (p + "mlp.up_proj.weight", [12, 8]),
                (p + "mlp.down_proj.weight", [8, 12]),
            ]
        }
        return shapes
    }

    /// Writes the folder with `configuration` as its config.json; `edit` may change or drop
    /// (return nil) entries.
    static func write(
        configuration: String = config, edit: (SafetensorsWriter.Entry) -> SafetensorsWriter.Entry? = { $0 }
    ) throws -> String {
        try write(configuration: configuration) { [edit($0)].compactMap { $0 } }
    }

    /// Writes the folder with `configuration` as its config.json; `expand` turns each f32 entry
    /// into the entries to write in its place (none, one, or a weight and its scales).
    static func write(
        configuration: String = config, expand: (SafetensorsWriter.Entry) -> [SafetensorsWriter.Entry]
    ) throws -> String {
        let directory = try SafetensorsWriter.temporaryDirectory()
        try SafetensorsWriter.write(Data(configuration.utf8), to: directory + "/config.json")
        var state: UInt32 = 12345
        let entries = shapes.flatMap { name, shape -> [SafetensorsWriter.Entry] in
            let values = (0..<shape.reduce(1, *)).map { _ -> Float in
                state = state &* 1_664_525 &+ 1_013_904_223
                return Float(Int(state >> 16) % 2001 - 1000) / 1000
            }
            return expand(SafetensorsWriter.float32(name, shape, values))
        }
        try SafetensorsWriter.write(SafetensorsWriter.encode(entries), to: directory + "/model.safetensors")
        return directory
    }
}
