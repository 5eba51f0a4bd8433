import Foundation
import OrderedJSON

/// What a run over one shard did, written beside its outputs (`OUTPUT.manifest.json`), so a run
/// can be checked and a finished shard skipped when the same work is asked again (`resume`).
public struct CorpusManifest: Sendable, Equatable {
    /// The input file.
    public var input: String
    /// Its size in bytes when the run started.
    public var inputBytes: Int
    /// The shard (`I/N`) and the byte range it covers.
    public var shard: String
    public var byteRange: Range<Int>
    /// What the run produced.
    public var documents: Int
    public var tokens: Int
    /// Input lines that were skipped (with `--on-error skip`), by line number in the shard.
    public var skippedLines: [Int]
    /// The tokenizer, by name and the SHA-256 of its vocabulary file.
    public var tokenizer: String
    public var tokenizerSHA256: String?
    /// The settings that change the outputs (format, dtype, field, kept fields, policy, …).
    public var settings: JSONObject
    /// The version of the tool that wrote the outputs.
    public var toolVersion: String
    /// The files written, with their sizes and SHA-256.
    public var outputs: [WrittenFile]
    /// Whether the run finished (false when it stopped at a bad line).
    public var complete: Bool

    /// The manifest's JSON form.
    public var json: JSONValue {
        .object(JSONObject([
            ("input", .string(input)), ("input_bytes", .number(.unsigned(UInt64(inputBytes)))),
            ("shard", .string(shard)),
            ("byte_range", [.number(.unsigned(UInt64(byteRange.lowerBound))), .number(.unsigned(UInt64(byteRange.upperBound)))]),
            ("documents", .number(.unsigned(UInt64(documents)))), ("tokens", .number(.unsigned(UInt64(tokens)))),
            ("skipped_lines", .array(skippedLines.map { .number(.unsigned(UInt64($0))) })),
            ("tokenizer", .object(JSONObject([("name", .string(tokenizer)), ("sha256", tokenizerSHA256.map(JSONValue.string) ?? .null)]))),
            ("settings", .object(settings)), ("tool_version", .string(toolVersion)),
            ("outputs", .array(outputs.map { file in
                .object(JSONObject([("path", .string(file.path)), ("bytes", .number(.unsigned(UInt64(file.bytes)))), ("sha256", .string(file.sha256))]))
            })),
            ("complete", .bool(complete)),
        ]))
    }

    /// Reads a manifest.
    /// - Throws: `JSONShapeError` naming what is wrong.
    public init(json: JSONValue) throws {
        let root = JSONCursor(json)
        input = try root.string("input")
        inputBytes = try root.required("input_bytes").int()
        shard = try root.string("shard")
        let range = try root.required("byte_range").elements()
        guard range.count == 2 else { throw try root.required("byte_range").failure("expected [start, end]") }
        let (start, end) = (try range[0].int(), try range[1].int())
        guard start <= end else { throw try root.required("byte_range").failure("the start is after the end") }
        byteRange = start..<end
        documents = try root.required("documents").int()
        tokens = try root.required("tokens").int()
        skippedLines = try root.required("skipped_lines").elements().map { try $0.int() }
        let tokenizerObject = try root.required("tokenizer")
        tokenizer = try tokenizerObject.string("name")
        tokenizerSHA256 = try tokenizerObject.optionalString("sha256")
        guard case let .object(settingsObject) = try root.required("settings").value else {
            throw try root.required("settings").failure("expected an object")
        }
        settings = settingsObject
        toolVersion = try root.string("tool_version")
        outputs = try root.required("outputs").elements().map { file in
            WrittenFile(path: try file.string("path"), bytes: try file.required("bytes").int(), sha256: try file.string("sha256"))
        }
        complete = try root.required("complete").bool()
    }

    init(
        input: String, inputBytes: Int, shard: String, byteRange: Range<Int>, tokenizer: String, tokenizerSHA256: String?,
        settings: JSONObject, toolVersion: String
    ) {
        self.input = input
        self.inputBytes = inputBytes
        self.shard = shard
        self.byteRange = byteRange
        documents = 0
        tokens = 0
        skippedLines = []
        self.tokenizer = tokenizer
        self.tokenizerSHA256 = tokenizerSHA256
        self.settings = settings
        self.toolVersion = toolVersion
        outputs = []
        complete = false
    }

    /// Whether this finished manifest describes the same work as `planned` (input, size, shard,
    /// tokenizer and settings), and its outputs are still there with the sizes it recorded.
    func covers(_ planned: CorpusManifest) -> Bool {
        complete && input == planned.input && inputBytes == planned.inputBytes && shard == planned.shard
            && tokenizer == planned.tokenizer && tokenizerSHA256 == planned.tokenizerSHA256 && settings == planned.settings
            && outputs.allSatisfy { file in
                (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) == file.bytes
            }
    }

    /// The manifest's path beside the output `path` (for megatron, the prefix).
    static func path(besideOutput path: String) -> String { path + ".manifest.json" }

    /// Writes the manifest to `path`.
    func write(to path: String) throws {
        let file = try OutputFile(path: path)
        try file.write((json.serialized + "\n").utf8)
        _ = try file.finish()
    }
}
