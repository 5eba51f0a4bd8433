import OrderedJSON

/// One memory-mapped `.safetensors` file: an 8-byte little-endian header length, a JSON header
/// describing each tensor, then the raw tensor data.
package struct SafetensorsFile: Sendable {
    /// The path the file was read from.
    package let path: String
    /// The tensors in the file, by name.
    package let tensors: [String: Tensor]
    /// The optional `__metadata__` string map of the header.
    package let metadata: [String: String]
    /// Tensors stored in a data type the runtime does not read, with that type's name.
    package let unsupportedTensors: [String: String]

    /// Maps the file at `path` and validates its header.
    /// - Throws: `ModelError` naming the file and what is wrong: unreadable, a header that is not
    ///   JSON, a tensor whose offsets fall outside the file or disagree with its shape, or a data
    ///   type the runtime does not read.
    package init(path: String) throws {
        let file = try MappedFile(path: path)
        self.path = path
        guard file.count >= 8 else {
            throw ModelError(.malformedFile, "\(path) is too short to be a safetensors file")
        }
        let headerLength = UInt64(littleEndian: file.bytes.loadUnaligned(as: UInt64.self))
        guard headerLength <= UInt64(file.count - 8) else {
            throw ModelError(
                .malformedFile,
                "\(path): header length \(headerLength) exceeds the file size \(file.count)")
        }
        let dataStart = 8 + Int(headerLength)
        let headerBytes = UnsafeBufferPointer(
            start: (file.bytes + 8).assumingMemoryBound(to: UInt8.self), count: Int(headerLength))
        let header: JSONCursor
        do {
            header = JSONCursor(try JSONValue(parsing: headerBytes))
            _ = try header.members()
        } catch let error as JSONSyntaxError {
            throw ModelError(.malformedFile, "\(path): the header is not valid JSON: \(error)")
        } catch {
            throw ModelError(.malformedFile, "\(path): the header is not a JSON object")
        }
        var tensors: [String: Tensor] = [:]
        var metadata: [String: String] = [:]
        var unsupported: [String: String] = [:]
        for (name, entry) in try header.members() {
            if name == "__metadata__" {
                metadata = (entry.value.objectValue?.entries ?? []).reduce(into: [:]) { map, member in
                    if let text = member.value.stringValue { map[member.key] = text }
                }
                continue
            }
            let dtypeName: String
            let shape: [Int]
            let offsets: [Int]
            do {
                dtypeName = try entry.string("dtype")
                shape = try entry.required("shape").elements().map { try $0.int(in: 0...Int.max) }
                offsets = try entry.required("data_offsets").elements().map { try $0.int(in: 0...Int.max) }
                guard offsets.count == 2 else {
                    throw entry.failure("data_offsets has \(offsets.count) entries, expected [begin, end]")
                }
            } catch let error as JSONShapeError {
                throw ModelError(.malformedFile, "\(path): tensor \(name) has an invalid header entry (\(error))")
            }
            guard tensors[name] == nil, unsupported[name] == nil else {
                throw ModelError(.malformedFile, "\(path): tensor \(name) appears twice in the header")
            }
            guard let dataType = TensorDataType(rawValue: dtypeName) else {
                // Tensors of other types may sit in a file; they only fail when used.
                unsupported[name] = dtypeName
                continue
            }
            let (begin, end) = (offsets[0], offsets[1])
            var expectedBytes = dataType.byteWidth
            for dimension in shape {
                let (product, overflow) = expectedBytes.multipliedReportingOverflow(by: dimension)
                guard !overflow else {
                    throw ModelError(.malformedFile, "\(path): tensor \(name) has shape \(shape), too large for any file")
                }
                expectedBytes = product
            }
            guard begin >= 0, end >= begin, end - begin == expectedBytes else {
                throw ModelError(
                    .malformedFile,
                    "\(path): tensor \(name) spans \(end - begin) bytes, but \(dtypeName) \(shape) needs \(expectedBytes)")
            }
            guard dataStart + end <= file.count else {
                throw ModelError(
                    .malformedFile,
                    "\(path): tensor \(name) ends at byte \(dataStart + end), past the end of the file (\(file.count) bytes)")
            }
            tensors[name] = Tensor(
                name: name, dataType: dataType, shape: shape,
                bytes: file.bytes + dataStart + begin, storage: file)
        }
        self.tensors = tensors
        self.metadata = metadata
        self.unsupportedTensors = unsupported
    }
}
