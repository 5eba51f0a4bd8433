import ArgumentParser
import CorpusTokenization
import Foundation
import TokenizerSuite

/// `tok`: exact tokenizers for today's open-weight models, from the command line.
@main
struct Tok: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tok",
        abstract: "Exact tokenizers for today's open-weight models.",
        version: version,
        subcommands: [Encode.self, Decode.self, Count.self, Show.self, Vocab.self, Bench.self, HarmonyCommand.self, Generate.self]
    )

    /// The version `tok --version` prints and manifests record.
    static let version = "0.3.0"

    /// Exit codes: 0 success, 1 bad input (the message says what and where), 2 usage.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as InputError {
            FileHandle.standardError.write(Data("tok: \(error.message)\n".utf8))
            Foundation.exit(1)
        } catch let error as TokenizerError {
            FileHandle.standardError.write(Data("tok: \(error)\n".utf8))
            Foundation.exit(1)
        } catch let error as CorpusError {
            if case let .invalidOptions(message) = error {
                FileHandle.standardError.write(Data("tok: \(message)\n".utf8))
                Foundation.exit(2)
            }
            FileHandle.standardError.write(Data("tok: \(error)\n".utf8))
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// Bad input to a command: exits with status 1 and this message.
struct InputError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
