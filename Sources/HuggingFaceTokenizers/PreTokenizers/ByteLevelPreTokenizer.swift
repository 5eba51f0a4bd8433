import OrderedJSON
import Pretokenization
import TokenizerCore

/// `ByteLevel`: GPT-2's byte-level step: optionally a leading space and GPT-2's own split pattern.
/// It must come last; the model then works on bytes.
struct ByteLevelPreTokenizer: PreTokenizerStage {
    static let typeName = "ByteLevel"
    /// GPT-2's pattern, used with `use_regex`.
    static let gpt2Pattern = #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#

    let addPrefixSpace: Bool
    let regex: (any PieceSplitter)?

    init(json: JSONCursor) throws {
        addPrefixSpace = try json.bool("add_prefix_space", default: true)
        if try json.bool("use_regex", default: true) {
            do {
                regex = try RegexSplitter(onigurumaPattern: Self.gpt2Pattern)
            } catch let error as RegexError {
                throw json.failure(error.description)
            }
        } else {
            regex = nil
        }
    }

    var summary: String { "ByteLevel(add_prefix_space: \(addPrefixSpace), use_regex: \(regex != nil))" }
    var endsWithByteLevel: Bool { true }

    func split(_ text: inout PreTokenizedText) throws {
        if addPrefixSpace {
            for index in text.pieces.indices where text.buffer[text.pieces[index].lowerBound] != 0x20 {
                text.prefixPiece(index, with: [0x20])
            }
        }
        guard let regex else { return }
        try text.refine { piece, emit in
            var previous = 0
            do {
                try regex.forEachPiece(in: piece) { start, end in
                    if previous != start { emit(previous..<start) }
                    emit(start..<end)
                    previous = end
                }
            } catch let error as RegexError {
                throw TokenizerError.pattern(error)
            }
            if previous != piece.count { emit(previous..<piece.count) }
        }
    }
}
