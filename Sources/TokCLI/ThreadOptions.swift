import ArgumentParser
import Foundation

/// `--threads N`: how many cores a command uses.
struct ThreadOptions: ParsableArguments {
    @Option(name: .long, help: "Threads to encode on (default: all processors).")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    /// The thread count.
    var count: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }
}
