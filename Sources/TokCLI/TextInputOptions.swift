import ArgumentParser
import BytePairEncoding
import Foundation
import OrderedJSON
import TokenizerCore
import TokenizerSuite

/// Where a command's input text comes from: an argument, `--file`, or standard input.
struct TextInputOptions: ParsableArguments {
    @Option(name: .long, help: "Read the input from this file instead of the argument or standard input.")
    var file: String?

    @Flag(name: .long, help: "Replace invalid UTF-8 in the input with U+FFFD instead of failing.")
    var lossy = false

    /// The input bytes: `argument` when given, else the file, else standard input.
    func readBytes(argument: String?) throws -> Data {
        if let argument { return Data(argument.utf8) }
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw InputError("\(file): cannot read the file")
            }
            return data
        }
        return FileHandle.standardInput.readDataToEndOfFile()
    }

    /// The number of tokens of the input. A file that can be mapped is counted in place, checked
    /// and counted part by part on the threads (no copy, and nothing left for this thread to do);
    /// standard input, `--lossy` and a file that cannot be mapped are read a megabyte at a time and
    /// counted in parts (`Tokenizer.countTokens(policy:threads:lossy:reading:)`), so memory does
    /// not grow with them.
    func countTokens(argument: String?, tokenizer: any Tokenizer, policy: SpecialTokenPolicy, threads: Int) throws -> Int {
        if let argument {
            return try tokenizer.countTokens(try decodeText(Data(argument.utf8), source: "argument", lossy: lossy), policy: policy, threads: threads)
        }
        // An empty file, a pipe or a device does not map; those take the reading path. (A file
        // truncated by another process while it is mapped ends the process with SIGBUS.)
        if let file, !lossy, let mapped = MappedRegion(path: file, populate: false) {
            do {
                return try tokenizer.countTokens(utf8: mapped.bytes.assumingMemoryBound(to: UInt8.self), policy: policy, threads: threads)
            } catch TokenizerError.invalidUTF8(let offset) {
                throw invalidUTF8(source: file, offset: offset)
            }
        }
        return try readingParts { try tokenizer.countTokens(policy: policy, threads: threads, lossy: lossy, reading: $0) }
    }

    /// Encodes the input, handing `emit` its ids in order: all at once for an argument, part by
    /// part for a file or standard input (`Tokenizer.encode(policy:threads:lossy:reading:emit:)`).
    func encode(
        argument: String?, tokenizer: any Tokenizer, policy: SpecialTokenPolicy, threads: Int, emit: ([TokenID]) throws -> Void
    ) throws {
        if let argument {
            return try emit(tokenizer.encode(try decodeText(Data(argument.utf8), source: "argument", lossy: lossy), policy: policy, threads: threads))
        }
        try readingParts { try tokenizer.encode(policy: policy, threads: threads, lossy: lossy, reading: $0, emit: emit) }
    }

    /// Runs `body` with a reader of the file or standard input, a megabyte a call; names the input
    /// in the message of a UTF-8 error.
    private func readingParts<R>(_ body: ((inout [UInt8]) throws -> Bool) throws -> R) throws -> R {
        let handle = try openInput(file)
        defer { if file != nil { try? handle.close() } }
        do {
            return try body { buffer in
                // Read straight into the buffer's end (its capacity is reused from part to part),
                // not through a fresh megabyte of `Data` a call.
                let chunk = 1 << 20
                let old = buffer.count
                buffer.append(contentsOf: repeatElement(0, count: chunk))
                var got = 0
                while got < chunk {
                    let n = buffer.withUnsafeMutableBytes { bytes in
                        bytes.baseAddress.map { read(handle.fileDescriptor, $0 + old + got, chunk - got) } ?? 0
                    }
                    if n < 0 && errno == EINTR { continue }
                    guard n >= 0 else {
                        buffer.removeLast(chunk - got)
                        throw InputError("\(file ?? "standard input"): cannot read: \(String(cString: strerror(errno)))")
                    }
                    if n == 0 { break }
                    got += n
                }
                buffer.removeLast(chunk - got)
                return got > 0
            }
        } catch TokenizerError.invalidUTF8(let offset) {
            throw invalidUTF8(source: file ?? "standard input", offset: offset)
        }
    }

    /// The input as text, validated as UTF-8 unless `--lossy`.
    func readText(argument: String?) throws -> String {
        let data = try readBytes(argument: argument)
        return try decodeText(data, source: file ?? (argument == nil ? "standard input" : "argument"), lossy: lossy)
    }
}

extension TextInputOptions {
    init(file: String?) {
        self.init()
        self.file = file
    }
}

/// The error for input that is not UTF-8 at `offset`.
private func invalidUTF8(source: String, offset: Int) -> InputError {
    InputError("\(source): invalid UTF-8 at byte \(offset) (use --lossy to replace it with U+FFFD)")
}

/// `data` as a String: strict UTF-8 (error naming `source` and the byte offset) unless `lossy`.
func decodeText(_ data: Data, source: String, lossy: Bool) throws -> String {
    if lossy { return String(decoding: data, as: UTF8.self) }
    if let text = UTF8Decoding.validatedString(data) { return text }
    let offset = UTF8Decoding.firstInvalidOffset([UInt8](data)) ?? 0
    throw invalidUTF8(source: source, offset: offset)
}

/// Writes `text` to standard output.
func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Writes `bytes` to standard output.
func writeOut(_ bytes: [UInt8]) {
    FileHandle.standardOutput.write(Data(bytes))
}

/// Writes `text` to standard error.
func writeError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// Space-separated ids.
func formatIDs(_ ids: [TokenID]) -> String {
    var bytes: [UInt8] = []
    DecimalIDs.append(ids, separator: UInt8(ascii: " "), to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// Token ids from `arguments` (each may hold several, whitespace-separated), else from `file`, else
/// from standard input.
func readIDs(arguments: [String], file: String?) throws -> [TokenID] {
    let words: [String]
    if !arguments.isEmpty {
        words = arguments.flatMap { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
    } else {
        let data = try TextInputOptions(file: file).readBytes(argument: nil)
        words = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init)
    }
    return try parseIDs(words)
}

/// Parses decimal token ids, naming the first word that is not one.
func parseIDs(_ words: [String]) throws -> [TokenID] {
    try words.enumerated().map { index, word in
        guard let id = TokenID(word) else { throw InputError("token \(index + 1): \(word.debugDescription) is not a token id") }
        return id
    }
}

extension JSONParsingOptions {
    /// How `tok` reads JSON input: as Python's `json` does before the references see the text, so a
    /// lone surrogate escape (`"\ud83d"`) becomes U+FFFD (what tiktoken then encodes) instead of
    /// an error.
    static let pythonJSON = JSONParsingOptions(loneSurrogates: .replaceWithReplacementCharacter)
}
