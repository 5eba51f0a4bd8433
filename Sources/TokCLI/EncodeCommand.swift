import ArgumentParser
import CorpusTokenization
import Foundation
import TokenizerCore
import TokenizerSuite

/// `tok encode`: text to token ids, or a JSON Lines corpus to ids in JSON Lines or binary files.
struct Encode: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Encode text to token ids, or a JSON Lines corpus (plain, .gz, .zst) as a pipeline stage.",
        discussion: """
            With --input jsonl each input line is a JSON object whose --field holds the text; the output is \
            one line {"ids": [...]} per document in input order (with --keep fields first), or a binary \
            file: --output bin (raw little-endian ids and a JSON sidecar), npy (one NumPy array) or megatron \
            (Megatron-LM's .bin/.idx, one sequence per document). --shard I/N processes the I-th of N byte \
            ranges of the file, moved to line starts, so N workers cover it exactly once. File outputs get a \
            manifest (OUT.manifest.json) that --resume checks to skip a finished shard.
            """)

    enum InputFormat: String, ExpressibleByArgument, CaseIterable { case text, jsonl }
    enum TextFormat: String, ExpressibleByArgument, CaseIterable { case ids, json }

    @Argument(help: "The text to encode (default: --file or standard input).")
    var text: String?

    @OptionGroup var tokenizerOptions: TokenizerOptions
    @OptionGroup var specialTokens: SpecialTokenOptions
    @OptionGroup var input: TextInputOptions
    @OptionGroup var threading: ThreadOptions

    @Option(name: .long, help: "With text input: ids (space-separated on one line) or json (a JSON array).")
    var format: TextFormat = .ids

    @Option(name: [.customLong("input")], help: "text, or jsonl: one JSON object per line.")
    var inputFormat: InputFormat = .text

    @Option(name: .long, help: "With --input jsonl: the field holding the text.")
    var field: String = "text"

    @Option(name: .long, help: "With --input jsonl: copy this field of each input object to its output line (repeatable).")
    var keep: [String] = []

    @Option(name: .long, help: "With --input jsonl: jsonl, bin, npy or megatron.")
    var output: OutputFormat = .jsonl

    @Option(name: .long, help: "The output file (for megatron, the prefix of PREFIX.bin and PREFIX.idx); default for jsonl: standard output.")
    var out: String?

    @Option(name: .long, help: "The integer type of binary outputs: u16 (refused when an id does not fit) or u32.")
    var dtype: TokenDType = .u32

    @Flag(name: .long, help: "Add the tokenizer's end-of-sequence id after each document.")
    var appendEos = false

    @Option(name: .long, help: "Process the I-th of N byte ranges of the input file (0/4 is the first of four).")
    var shard: String?

    @Option(name: .long, help: "fail: a bad line stops the run, naming it, after all earlier output is written; skip: report it and go on.")
    var onError: CorpusTokenizationJob.ErrorHandling = .fail

    @Flag(name: .long, help: "Skip the shard when its manifest shows the same work finished.")
    var resume = false

    @Flag(name: .long, inversion: .prefixedNo, help: "A progress line on standard error (default: when it is a terminal).")
    var progress: Bool?

    func validate() throws {
        if inputFormat == .jsonl && text != nil { throw ValidationError("--input jsonl reads --file or standard input, not an argument") }
        if inputFormat == .text {
            for (flag, given) in [("--keep", !keep.isEmpty), ("--output", output != .jsonl), ("--out", out != nil), ("--append-eos", appendEos),
                                  ("--shard", shard != nil), ("--resume", resume), ("--on-error", onError != .fail)] where given {
                throw ValidationError("\(flag) applies with --input jsonl")
            }
        }
    }

    func run() throws {
        let tokenizer = try tokenizerOptions.load()
        let policy = try specialTokens.policy(for: tokenizer)
        switch inputFormat {
        case .text:
            // Each part's ids are written as soon as they are known (a bad byte later still fails
            // the command, after them).
            let opening = format == .json ? "[" : ""
            let separator = format == .ids ? UInt8(ascii: " ") : UInt8(ascii: ",")
            var first = true
            var bytes: [UInt8] = []
            try input.encode(argument: text, tokenizer: tokenizer, policy: policy, threads: threading.count) { ids in
                guard !ids.isEmpty else { return }
                bytes.removeAll(keepingCapacity: true)
                if first { bytes.append(contentsOf: opening.utf8) } else { bytes.append(separator) }
                DecimalIDs.append(ids, separator: separator, to: &bytes)
                writeOut(bytes)
                first = false
            }
            writeOut((first ? opening : "") + (format == .ids ? "\n" : "]\n"))
        case .jsonl:
            var job = CorpusTokenizationJob(policy: policy)
            job.input = input.file
            job.shard = try shard.map(InputShard.init(parsing:)) ?? .whole
            job.output = out
            job.format = output
            job.dtype = dtype
            job.field = field
            job.keptFields = keep
            job.appendEndOfText = appendEos
            job.errorHandling = onError
            job.threads = threading.count
            job.resume = resume
            job.toolVersion = Tok.version
            let showProgress = progress ?? (isatty(STDERR_FILENO) != 0)
            let summary = try job.run(
                tokenizer: tokenizer, tokenizerSHA256: tokenizerOptions.vocabularyDigest(of: tokenizer),
                onProgress: { if showProgress { writeError("\r\u{1B}[K" + $0.line) } },
                onSkippedLine: { writeError("tok: skipped: \($0)\n") })
            if showProgress { writeError("\n") }
            if summary.resumed { writeError("tok: \(out ?? "output"): this shard was already done (its manifest matches); nothing to do\n") }
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}
extension TokenDType: ExpressibleByArgument {}
extension CorpusTokenizationJob.ErrorHandling: ExpressibleByArgument {}
