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
    /// (to exercise reads that split the input); `environment` replaces the inherited one.
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
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        for chunk in chunks {
            Thread.sleep(forTimeInterval: 0.2)
            input.fileHandleForWriting.write(Data(chunk.utf8))
        }
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }
}
