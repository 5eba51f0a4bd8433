import Foundation

/// Reading whole files for the loaders, with errors that name the path.
package enum FileBytes {
    /// The bytes of the file at `path`, read straight into the array.
    /// - Throws: `TokenizerError.unreadableFile` naming the path.
    package static func read(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw TokenizerError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        guard fseek(file, 0, SEEK_END) == 0 else { throw TokenizerError.unreadableFile(path: path, reason: "cannot seek") }
        let size = ftell(file)
        guard size >= 0, fseek(file, 0, SEEK_SET) == 0 else { throw TokenizerError.unreadableFile(path: path, reason: "cannot seek") }
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: Int(size)) { buffer, count in
            count = buffer.baseAddress.map { fread($0, 1, Int(size), file) } ?? 0
            complete = count == Int(size)
        }
        guard complete else { throw TokenizerError.unreadableFile(path: path, reason: "read fewer bytes than the file holds") }
        return bytes
    }

    /// Whether `path` names an existing folder.
    package static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Whether `path` names an existing file or folder.
    package static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }
}
