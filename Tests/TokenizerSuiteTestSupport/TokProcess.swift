import Foundation

/// Runs the built `tok` executable as a user would, capturing its status and output.
public enum TokProcess {
    public struct Output {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// The `tok` binary built next to the test bundle.
    public static var executable: URL {
        let products = Bundle.main.bundleURL
        let candidates = [products.appendingPathComponent("tok"), products.deletingLastPathComponent().appendingPathComponent("tok")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs `tok arguments`. Standard input gets `stdin`, then each of `chunks` after a short pause
    /// (to exercise reads that split the input); `environment` replaces the inherited one. The pipes
    /// are written and read on their own threads with plain system calls that retry on `EINTR`, so a
    /// loaded machine cannot deadlock or interrupt the run.
    public static func run(
        _ arguments: [String], stdin: String = "", chunks: [String] = [], environment: [String: String]? = nil
    ) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        _ = ignoreBrokenPipes
        try process.run()
        let group = DispatchGroup()
        let writer = input.fileHandleForWriting
        DispatchQueue.global().async(group: group) {
            writeAll(Array(stdin.utf8), to: writer.fileDescriptor)
            for chunk in chunks {
                Thread.sleep(forTimeInterval: 0.2)
                writeAll(Array(chunk.utf8), to: writer.fileDescriptor)
            }
            try? writer.close()
        }
        let errors = Collected()
        DispatchQueue.global().async(group: group) { errors.bytes = readAll(error.fileHandleForReading.fileDescriptor) }
        let out = readAll(output.fileHandleForReading.fileDescriptor)
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: errors.bytes, as: UTF8.self))
    }

    /// A command that exits before reading all its input must not kill the tests with SIGPIPE.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Bytes read on another thread; read after the group that wrote them has finished.
    private final class Collected: @unchecked Sendable {
        var bytes: [UInt8] = []
    }

    private static func readAll(_ descriptor: Int32) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 { result.append(contentsOf: buffer[0..<count]); continue }
            if count < 0 && errno == EINTR { continue }
            return result
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count > 0 { offset += count; continue }
            if count < 0 && errno == EINTR { continue }
            return  // the reader closed its end (the command exited)
        }
    }
}
