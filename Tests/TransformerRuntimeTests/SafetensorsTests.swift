import Foundation
import Testing
@testable import TransformerRuntime

/// Reading safetensors files and sharded checkpoints, and the errors bad ones raise.
@Suite struct SafetensorsTests {
    @Test func readsEveryElementType() throws {
        let directory = try SafetensorsWriter.temporaryDirectory()
        defer { SafetensorsWriter.remove(directory) }
        let half: [UInt16] = [0x3C00, 0xC000, 0x0001, 0x7C00]  // 1, −2, 2^-24, +inf
        let entries = [
            SafetensorsWriter.float32("f32", [2, 2], [1.5, -2, 0.25, 1e-3]),
            SafetensorsWriter.bfloat16("bf16", [3], [1, -0.5, 3.140625]),
            SafetensorsWriter.Entry(name: "f16", dtype: "F16", shape: [4], data: half.withUnsafeBytes { Data($0) }),
            SafetensorsWriter.Entry(name: "u8", dtype: "U8", shape: [3], data: Data([0, 127, 255])),
        ]
        try SafetensorsWriter.write(SafetensorsWriter.encode(entries), to: directory + "/model.safetensors")
        let checkpoint = try SafetensorsCheckpoint(directory: directory)
        #expect(checkpoint.tensorNames == ["bf16", "f16", "f32", "u8"])
        #expect(try checkpoint.tensor("f32", shape: [2, 2]).floats() == [1.5, -2, 0.25, 1e-3])
        #expect(try checkpoint.tensor("bf16").floats() == [1, -0.5, 3.140625])
        #expect(try checkpoint.tensor("f16").floats() == [1, -2, 0x1p-24, .infinity])
        #expect(try checkpoint.tensor("u8").byteArray() == [0, 127, 255])
        let error = #expect(throws: ModelError.self) { try checkpoint.tensor("u8").floats() }
        #expect(error?.kind == .unsupportedDataType)
    }

    @Test func missingTensorAndWrongShapeAreNamed() throws {
        let directory = try SafetensorsWriter.temporaryDirectory()
        defer { SafetensorsWriter.remove(directory) }
        try SafetensorsWriter.write(
            SafetensorsWriter.encode([SafetensorsWriter.float32("a.weight", [2, 3], [1, 2, 3, 4, 5, 6])]),
            to: directory + "/model.safetensors")
        let checkpoint = try SafetensorsCheckpoint(directory: directory)
        let missing = #expect(throws: ModelError.self) { try checkpoint.tensor("b.weight") }
        #expect(missing?.kind == .missingTensor)
        #expect(missing?.description.contains("b.weight") == true)
        let shape = #expect(throws: ModelError.self) { try checkpoint.tensor("a.weight", shape: [3, 2]) }
        #expect(shape?.kind == .shapeMismatch)
        #expect(shape?.description == "tensor a.weight has shape [2, 3], expected [3, 2]")
    }

    @Test func unsupportedElementTypeIsNamedWhenUsed() throws {
        let directory = try SafetensorsWriter.temporaryDirectory()
        defer { SafetensorsWriter.remove(directory) }
        let entry = SafetensorsWriter.Entry(name: "positions", dtype: "I64", shape: [1], data: Data(count: 8))
        try SafetensorsWriter.write(SafetensorsWriter.encode([entry]), to: directory + "/model.safetensors")
        let checkpoint = try SafetensorsCheckpoint(directory: directory)
        let error = #expect(throws: ModelError.self) { try checkpoint.tensor("positions") }
        #expect(error?.kind == .unsupportedDataType)
        #expect(error?.description.contains("I64") == true)
    }

    @Test func malformedFilesAreRejected() throws {
        let directory = try SafetensorsWriter.temporaryDirectory()
        defer { SafetensorsWriter.remove(directory) }
        let path = directory + "/model.safetensors"
        var valid = SafetensorsWriter.encode([SafetensorsWriter.float32("a", [4], [1, 2, 3, 4])])

        // Truncated data: the tensor ends past the end of the file.
        try SafetensorsWriter.write(valid.prefix(valid.count - 4), to: path)
        let truncated = #expect(throws: ModelError.self) { try SafetensorsFile(path: path) }
        #expect(truncated?.kind == .malformedFile)
        #expect(truncated?.description.contains("past the end") == true)

        // A header length larger than the file.
        valid.replaceSubrange(0..<8, with: Data([0xFF, 0xFF, 0, 0, 0, 0, 0, 0]))
        try SafetensorsWriter.write(valid, to: path)
        #expect(throws: ModelError.self) { try SafetensorsFile(path: path) }

        // A header that is not JSON.
        var garbage = Data([8, 0, 0, 0, 0, 0, 0, 0])
        garbage.append(Data("not json".utf8))
        try SafetensorsWriter.write(garbage, to: path)
        let notJSON = #expect(throws: ModelError.self) { try SafetensorsFile(path: path) }
        #expect(notJSON?.description.contains("not valid JSON") == true)

        // Offsets that disagree with dtype and shape.
        let wrong = SafetensorsWriter.Entry(name: "a", dtype: "F32", shape: [3], data: Data(count: 16))
        try SafetensorsWriter.write(SafetensorsWriter.encode([wrong]), to: path)
        let span = #expect(throws: ModelError.self) { try SafetensorsFile(path: path) }
        #expect(span?.description.contains("tensor a spans 16 bytes") == true)

        // An empty file.
        try SafetensorsWriter.write(Data(), to: path)
        #expect(throws: ModelError.self) { try SafetensorsFile(path: path) }
    }

    /// The bytes of a safetensors file whose header is `header` followed by `dataBytes` zero bytes.
    static func file(header: String, dataBytes: Int = 16) -> Data {
        var json = Data(header.utf8)
        while json.count % 8 != 0 { json.append(0x20) }
        var length = UInt64(json.count).littleEndian
        var file = Data(bytes: &length, count: 8)
        file.append(json)
        file.append(Data(count: dataBytes))
        return file
    }

    @Test func badHeaderEntriesNameTheTensorAndTheJSONPath() throws {
        let directory = try SafetensorsWriter.temporaryDirectory()
        defer { SafetensorsWriter.remove(directory) }
        let path = directory + "/model.safetensors"
        for (header, expected) in [
            (#"{"a.weight": {"dtype": "F32", "shape": [2, -2], "data_offsets": [0, 16]}}"#,
             #"tensor a.weight has an invalid header entry (at ["a.weight"].shape[1]: -2 is out of range"#),
            (#"{"a.weight": {"dtype": "F32", "shape": [4], "data_offsets": [0]}}"#,
             #"tensor a.weight has an invalid header entry (at ["a.weight"]: data_offsets has 1 entries, expected [begin, end])"#),
            (#"{"a.weight": {"dtype": 32, "shape": [4], "data_offsets": [0, 16]}}"#,
             #"tensor a.weight has an invalid header entry (at ["a.weight"].dtype: expected a string, found a number)"#),
            (#"{"a.weight": {"dtype": "F32", "data_offsets": [0, 16]}}"#,
             #"tensor a.weight has an invalid header entry (at ["a.weight"].shape: missing)"#),
            (#"{"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}, "a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}"#,
             "tensor a appears twice in the header"),
            ("[1, 2]", "the header is not a JSON object"),
            (#"{"a": "#, "the header is not valid JSON: EOF while parsing a value at line 1 column 8"),  // after the padding
        ] {
            try SafetensorsWriter.write(Self.file(header: header), to: path)
            let error = #expect(throws: ModelError.self) { try SafetensorsFile(path: path) }
            #expect(error?.kind == .malformedFile)
            #expect(error?.description.hasPrefix("\(path): \(expected)") == true, "\(error?.description ?? "")")
        }
    }

    @Test func badShardIndexesAreNamed() throws {
        let directory = try SafetensorsWriter.temporaryDirectory()
        defer { SafetensorsWriter.remove(directory) }
        let indexPath = directory + "/model.safetensors.index.json"
        for (index, expected) in [
            (#"{"metadata": {}}"#, "at weight_map: missing"),
            (#"{"weight_map": {"a": 3}}"#, "at weight_map.a: expected a string, found a number"),
            (#"{"weight_map": {"model.norm.weight": null}}"#, #"at weight_map["model.norm.weight"]: expected a string, found null"#),
            (#"{"weight_map": {"#, "is not valid JSON"),
        ] {
            try SafetensorsWriter.write(Data(index.utf8), to: indexPath)
            let error = #expect(throws: ModelError.self) { try SafetensorsCheckpoint(directory: directory) }
            #expect(error?.kind == .malformedFile)
            #expect(error?.description.hasPrefix(indexPath) == true)
            #expect(error?.description.contains(expected) == true, "\(error?.description ?? "")")
        }
    }

    @Test func shardedCheckpointsFollowTheIndex() throws {
        let directory = try SafetensorsWriter.temporaryDirectory()
        defer { SafetensorsWriter.remove(directory) }
        try SafetensorsWriter.write(
            SafetensorsWriter.encode([SafetensorsWriter.float32("first", [2], [1, 2])]),
            to: directory + "/model-00001-of-00002.safetensors")
        try SafetensorsWriter.write(
            SafetensorsWriter.encode([SafetensorsWriter.bfloat16("second", [1], [3])]),
            to: directory + "/model-00002-of-00002.safetensors")
        let index = """
            {"metadata": {"total_size": 10}, "weight_map": {
              "first": "model-00001-of-00002.safetensors", "second": "model-00002-of-00002.safetensors"}}
            """
        try SafetensorsWriter.write(Data(index.utf8), to: directory + "/model.safetensors.index.json")
        let checkpoint = try SafetensorsCheckpoint(directory: directory)
        #expect(try checkpoint.tensor("first").floats() == [1, 2])
        #expect(try checkpoint.tensor("second").floats() == [3])

        try FileManager.default.removeItem(atPath: directory + "/model-00002-of-00002.safetensors")
        let missingShard = #expect(throws: ModelError.self) { try SafetensorsCheckpoint(directory: directory) }
        #expect(missingShard?.description.contains("model-00002-of-00002.safetensors") == true)
    }

    @Test func folderWithoutWeightsIsNamed() throws {
        let directory = try SafetensorsWriter.temporaryDirectory()
        defer { SafetensorsWriter.remove(directory) }
        let error = #expect(throws: ModelError.self) { try SafetensorsCheckpoint(directory: directory) }
        #expect(error?.description.contains(directory) == true)
    }

    @Test func modelLoadingNamesAMissingTensor() throws {
        let directory = try TinyQwen3Checkpoint.write { $0.name == "model.layers.1.mlp.down_proj.weight" ? nil : $0 }
        defer { SafetensorsWriter.remove(directory) }
        let error = #expect(throws: ModelError.self) { try LanguageModel(directory: directory) }
        #expect(error?.kind == .missingTensor)
        #expect(error?.description.contains("model.layers.1.mlp.down_proj.weight") == true)
    }

    @Test func modelLoadingNamesAWronglyShapedTensor() throws {
        let directory = try TinyQwen3Checkpoint.write { entry in
            guard entry.name == "model.layers.1.self_attn.k_proj.weight" else { return entry }
            var changed = entry
            changed.shape = [8, 4]
            return changed
        }
        defer { SafetensorsWriter.remove(directory) }
        let error = #expect(throws: ModelError.self) { try LanguageModel(directory: directory) }
        #expect(error?.kind == .shapeMismatch)
        #expect(error?.description == "tensor model.layers.1.self_attn.k_proj.weight has shape [8, 4], expected [4, 8]")
    }

    @Test func aConfigurationThatDisagreesWithLayerZeroNamesTheKey() throws {
        let directory = try TinyQwen3Checkpoint.write { entry in
            guard entry.name == "model.layers.0.self_attn.k_proj.weight" else { return entry }
            var changed = entry
            changed.shape = [8, 4]
            return changed
        }
        defer { SafetensorsWriter.remove(directory) }
        let error = #expect(throws: ModelError.self) { try LanguageModel(directory: directory) }
        #expect(error?.kind == .invalidConfiguration)
        #expect(error?.description == "config.json: num_key_value_heads × head_dim is 4, but tensor model.layers.0.self_attn.k_proj.weight has shape [8, 4]")
    }

    @Test func tinyCheckpointLoadsAndRejectsOutOfVocabularyIds() throws {
        let directory = try TinyQwen3Checkpoint.write()
        defer { SafetensorsWriter.remove(directory) }
        let model = try LanguageModel(directory: directory)
        #expect(try model.logits(for: [1, 2, 3]).count == 16)
        let error = #expect(throws: ModelError.self) { try model.logits(for: [1, 16]) }
        #expect(error?.kind == .invalidArgument)
        #expect(error?.description.contains("16") == true)
        #expect(throws: ModelError.self) { try model.logits(for: []) }
    }
}
