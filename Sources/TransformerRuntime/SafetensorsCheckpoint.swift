import Foundation
import OrderedJSON

/// The weights of a model: one `model.safetensors` file, or several shards listed by
/// `model.safetensors.index.json`, all memory-mapped.
public struct SafetensorsCheckpoint: Sendable {
    /// The folder the checkpoint was read from.
    public let directory: String
    private let tensors: [String: Tensor]
    private let unsupported: [String: String]

    /// The names of all readable tensors, sorted.
    public var tensorNames: [String] { tensors.keys.sorted() }

    /// Opens the checkpoint in `directory`.
    ///
    /// Looks for `model.safetensors.index.json` first (its `weight_map` names the shard of every
    /// tensor), then `model.safetensors`, then any `*.safetensors` files in the folder.
    /// - Throws: `ModelError` naming the folder when it has no weights, a shard named by the index
    ///   that is missing, or a tensor the index places in a shard that does not contain it.
    public init(directory: String) throws {
        self.directory = directory
        let fileManager = FileManager.default
        let indexPath = directory + "/model.safetensors.index.json"
        var files: [SafetensorsFile] = []
        var expectedShard: [String: String] = [:]
        if fileManager.fileExists(atPath: indexPath) {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: indexPath))
            } catch {
                throw ModelError(.unreadableFile, "cannot read \(indexPath)")
            }
            let weightMap: [String: String]
            do {
                let index = try ConfigReader(parsing: data, source: indexPath).cursor
                weightMap = try index.required("weight_map").members().reduce(into: [:]) { map, member in
                    map[member.key] = try member.cursor.string()
                }
            } catch let error as JSONShapeError {
                throw ModelError(.malformedFile, "\(indexPath): \(error)")
            }
            expectedShard = weightMap
            for shard in Set(weightMap.values).sorted() {
                let shardPath = directory + "/" + shard
                guard fileManager.fileExists(atPath: shardPath) else {
                    throw ModelError(.unreadableFile, "\(indexPath) lists shard \(shard), which is missing")
                }
                files.append(try SafetensorsFile(path: shardPath))
            }
        } else if fileManager.fileExists(atPath: directory + "/model.safetensors") {
            files.append(try SafetensorsFile(path: directory + "/model.safetensors"))
        } else {
            let names = ((try? fileManager.contentsOfDirectory(atPath: directory)) ?? [])
                .filter { $0.hasSuffix(".safetensors") }
                .sorted()
            guard !names.isEmpty else {
                throw ModelError(
                    .unreadableFile,
                    "\(directory) has no model.safetensors, model.safetensors.index.json or other .safetensors file")
            }
            for name in names {
                files.append(try SafetensorsFile(path: directory + "/" + name))
            }
        }
        var tensors: [String: Tensor] = [:]
        var unsupported: [String: String] = [:]
        var shardOf: [String: String] = [:]
        for file in files {
            let shardName = String(file.path.split(separator: "/").last ?? "")
            for (name, tensor) in file.tensors {
                tensors[name] = tensor
                shardOf[name] = shardName
            }
            unsupported.merge(file.unsupportedTensors) { first, _ in first }
        }
        for (name, shard) in expectedShard where tensors[name] == nil && unsupported[name] == nil {
            throw ModelError(.missingTensor, "\(indexPath) places tensor \(name) in \(shard), which does not contain it")
        }
        self.tensors = tensors
        self.unsupported = unsupported
    }

    /// Whether the checkpoint holds a readable tensor called `name`.
    public func contains(_ name: String) -> Bool { tensors[name] != nil }

    /// Whether the checkpoint holds a tensor called `name` in a data type the runtime does not read.
    func containsUnreadable(_ name: String) -> Bool { unsupported[name] != nil }

    /// The tensor called `name`.
    /// - Throws: `ModelError` (`.missingTensor`, or `.unsupportedDataType` when it exists in a
    ///   type the runtime does not read), naming the tensor and the folder.
    package func tensor(_ name: String) throws -> Tensor {
        if let tensor = tensors[name] { return tensor }
        if let type = unsupported[name] {
            throw ModelError(.unsupportedDataType, "tensor \(name) in \(directory) is \(type), which the runtime does not read")
        }
        throw ModelError(.missingTensor, "checkpoint \(directory) has no tensor \(name)")
    }

    /// The tensor called `name`, which must have exactly `shape`.
    /// - Throws: `ModelError` (`.missingTensor` or `.shapeMismatch`) naming the tensor.
    package func tensor(_ name: String, shape: [Int]) throws -> Tensor {
        let tensor = try tensor(name)
        try tensor.requireShape(shape)
        return tensor
    }
}
