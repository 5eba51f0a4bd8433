import ArgumentParser
import BytePairEncoding
import Foundation
import TokenizerSuite

/// `tok encode`: text to token ids.
struct Encode: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Encode text to token ids.")

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case ids, json }
    enum InputFormat: String, ExpressibleByArgument, CaseIterable { case text, jsonl }

    @Argument(help: "The text to encode (default: --file or standard input).")
    var text: String?

    @OptionGroup var encodingOptions: EncodingOptions
    @OptionGroup var huggingFace: HuggingFaceOptions
    @OptionGroup var input: TextInputOptions

    @Option(name: .long, help: "Special tokens to encode as such: all, none, or a comma-separated list. Others found in the text are an error.")
    var allowedSpecial: String = "none"

    @Option(name: .long, help: "Special tokens whose text is an error: all (those not allowed), none (encode them as ordinary text), or a comma-separated list.")
    var disallowedSpecial: String = "all"

    @Option(name: .long, help: "ids: space-separated ids on one line; json: a JSON array.")
    var format: OutputFormat = .ids

    @Option(name: [.customLong("input")], help: "text, or jsonl: one JSON object per line, writing one {\"ids\":[...]} line per input line.")
    var inputFormat: InputFormat = .text

    @Option(name: .long, help: "With --input jsonl: the field holding the text.")
    var field: String = "text"

    func run() throws {
        if case let .huggingFace(tokenizer) = try encodingOptions.loadAny() {
            let add = huggingFace.addSpecialTokens
            let matching = huggingFace.addedTokens.matching
            if inputFormat == .jsonl {
                guard text == nil else { throw ValidationError("--input jsonl reads --file or standard input, not an argument") }
                try encodeJSONLines { try tokenizer.encode($0, addSpecialTokens: add, addedTokens: matching) }
                return
            }
            let source = try input.readText(argument: text)
            let ids = try tokenizer.encode(source, addSpecialTokens: huggingFace.addSpecialTokens, addedTokens: huggingFace.addedTokens.matching)
            writeOut(format == .ids ? formatIDs(ids) + "\n" : "[" + ids.map(String.init).joined(separator: ",") + "]\n")
            return
        }
        let encoding = try encodingOptions.load()
        let allowed = SpecialTokenSelection(commandLine: allowedSpecial)
        let disallowed = SpecialTokenSelection(commandLine: disallowedSpecial)
        switch inputFormat {
        case .text:
            let source = try input.readText(argument: text)
            let ids = try encoding.encode(source, allowedSpecial: allowed, disallowedSpecial: disallowed)
            writeOut(format == .ids ? formatIDs(ids) + "\n" : "[" + ids.map(String.init).joined(separator: ",") + "]\n")
        case .jsonl:
            guard text == nil else { throw ValidationError("--input jsonl reads --file or standard input, not an argument") }
            try encodeJSONLines { try encoding.encode($0, allowedSpecial: allowed, disallowedSpecial: disallowed) }
        }
    }

    /// Streams one JSON object per line to one `{"ids":[...]}` line each, in constant memory.
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
        while let line = reader.nextLine() {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: escapingByteOrderMarks(line, atFileStart: lineNumber == 1))
            } catch {
                throw InputError("\(source), line \(lineNumber): not valid JSON")
            }
            guard let dictionary = object as? [String: Any] else {
                throw InputError("\(source), line \(lineNumber): expected a JSON object")
            }
            guard let value = dictionary[field] as? String else {
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
        FileHandle.standardOutput.write(output)
    }
}

/// `line` with each raw U+FEFF written as the escape `\ufeff` (a leading one at the start of the file
/// is dropped, as a byte order mark). Foundation's JSON parser silently drops a raw U+FEFF that
/// follows a quote or an escape, which would lose text; the escaped form is decoded correctly.
/// U+FEFF can only appear inside strings in valid JSON, so the rewrite keeps the meaning.
func escapingByteOrderMarks(_ line: Data, atFileStart: Bool) -> Data {
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    var bytes = [UInt8](line)
    if atFileStart && bytes.starts(with: bom) { bytes.removeFirst(3) }
    guard bytes.count >= 3, bytes.indices.dropLast(2).contains(where: { bytes[$0] == 0xEF && bytes[$0 + 1] == 0xBB && bytes[$0 + 2] == 0xBF }) else {
        return Data(bytes)
    }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 16)
    var i = 0
    while i < bytes.count {
        if i + 2 < bytes.count && bytes[i] == 0xEF && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF {
            out.append(contentsOf: Array(#"\ufeff"#.utf8))
            i += 3
        } else {
            out.append(bytes[i])
            i += 1
        }
    }
    return Data(out)
}

/// Space-separated ids.
func formatIDs(_ ids: [TokenID]) -> String {
    ids.map(String.init).joined(separator: " ")
}

extension SpecialTokenSelection {
    /// Parses `all`, `none`, or a comma-separated list of special-token texts.
    init(commandLine value: String) {
        switch value {
        case "all": self = .all
        case "none", "": self = .none
        default: self = .only(Set(value.split(separator: ",").map(String.init)))
        }
    }
}

/// Reads a file handle line by line (without the line end) in fixed-size blocks.
struct LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    private var atEnd = false

    init(handle: FileHandle) { self.handle = handle }

    mutating func nextLine() -> Data? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = buffer[(newline + 1)...]
                return Data(line)
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = Data() }
                return Data(buffer)
            }
            let block = handle.readData(ofLength: 1 << 20)
            if block.isEmpty { atEnd = true } else { buffer = Data(buffer) + block }
        }
    }
}
