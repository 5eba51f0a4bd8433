import ArgumentParser
import BytePairEncoding
import Foundation
import OrderedJSON
import TokenizerSuite

/// `tok encode`: text to token ids.
struct Encode: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Encode text to token ids.")

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case ids, json }
    enum InputFormat: String, ExpressibleByArgument, CaseIterable { case text, jsonl }

    @Argument(help: "The text to encode (default: --file or standard input).")
    var text: String?

    @OptionGroup var tokenizerOptions: TokenizerOptions
    @OptionGroup var specialTokens: SpecialTokenOptions
    @OptionGroup var input: TextInputOptions

    @Option(name: .long, help: "ids: space-separated ids on one line; json: a JSON array.")
    var format: OutputFormat = .ids

    @Option(name: [.customLong("input")], help: "text, or jsonl: one JSON object per line, writing one {\"ids\":[...]} line per input line.")
    var inputFormat: InputFormat = .text

    @Option(name: .long, help: "With --input jsonl: the field holding the text.")
    var field: String = "text"

    func validate() throws {
        if inputFormat == .jsonl && text != nil { throw ValidationError("--input jsonl reads --file or standard input, not an argument") }
    }

    func run() throws {
        let tokenizer = try tokenizerOptions.load()
        let policy = try specialTokens.policy(for: tokenizer)
        switch inputFormat {
        case .text:
            let ids = try tokenizer.encode(try input.readText(argument: text), policy: policy)
            writeOut(format == .ids ? formatIDs(ids) + "\n" : "[" + ids.map(String.init).joined(separator: ",") + "]\n")
        case .jsonl:
            try encodeJSONLines { try tokenizer.encode($0, policy: policy) }
        }
    }

    /// Streams one JSON object per line to one `{"ids":[...]}` line each, in constant memory. A bad
    /// line is an error naming it, after every earlier line's output has been written.
    private func encodeJSONLines(_ encode: (String) throws -> [TokenID]) throws {
        let handle: FileHandle
        if let file = input.file {
            guard let opened = FileHandle(forReadingAtPath: file) else { throw InputError("\(file): cannot open the file") }
            handle = opened
        } else {
            handle = FileHandle.standardInput
        }
        let source = input.file ?? "standard input"
        var reader = LineReader(handle: handle)
        var lineNumber = 0
        var output = Data()
        defer { FileHandle.standardOutput.write(output) }
        // Lone surrogate escapes read as Python's json reads them, and then encode as tiktoken
        // encodes them: U+FFFD.
        var options = JSONParsingOptions.pythonJSON
        while let line = reader.nextLine() {
            lineNumber += 1
            options.allowsByteOrderMark = lineNumber == 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let object: JSONValue
            do {
                object = try JSONValue(parsing: line, options: options)
            } catch let error as JSONSyntaxError {
                throw InputError("\(source), line \(lineNumber): not valid JSON: \(error)")
            }
            guard case let .object(members) = object else {
                throw InputError("\(source), line \(lineNumber): expected a JSON object, found \(object.kindDescription)")
            }
            guard let value = members[field]?.stringValue else {
                throw InputError("\(source), line \(lineNumber): field \"\(field)\" is missing or not a string")
            }
            let ids: [TokenID]
            do {
                ids = try encode(value)
            } catch let error as TokenizerError {
                throw InputError("\(source), line \(lineNumber): \(error)")
            }
            output.append(contentsOf: "{\"ids\":[".utf8)
            output.append(contentsOf: ids.map(String.init).joined(separator: ",").utf8)
            output.append(contentsOf: "]}\n".utf8)
            if output.count > 1 << 16 {
                FileHandle.standardOutput.write(output)
                output.removeAll(keepingCapacity: true)
            }
        }
    }
}
