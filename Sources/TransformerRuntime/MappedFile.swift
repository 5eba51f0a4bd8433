#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory mapping of a whole file.
///
/// The mapping lives as long as the object; tensors that point into it keep a reference.
/// The bytes are never written, so sharing the object between threads is safe.
final class MappedFile: @unchecked Sendable {
    /// The path the file was opened from (for error messages).
    let path: String
    /// The first byte of the mapping.
    let bytes: UnsafeRawPointer
    /// The length of the file in bytes.
    let count: Int

    /// Maps the file at `path` read-only.
    /// - Throws: `ModelError` (`.unreadableFile`) naming the path and the system's reason.
    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw ModelError(.unreadableFile, "cannot open \(path): \(MappedFile.systemReason())")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw ModelError(.unreadableFile, "cannot stat \(path): \(MappedFile.systemReason())")
        }
        let size = Int(info.st_size)
        guard size > 0 else {
            throw ModelError(.malformedFile, "\(path) is empty")
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0),
              address != MAP_FAILED else {
            throw ModelError(.unreadableFile, "cannot map \(path): \(MappedFile.systemReason())")
        }
        self.bytes = UnsafeRawPointer(address)
        self.count = size
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: bytes), count)
    }

    private static func systemReason() -> String {
        guard let message = strerror(errno) else { return "error \(errno)" }
        return String(cString: message)
    }
}
