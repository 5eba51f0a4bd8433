import TokenizerCore
import TokenizerSuite
import Testing

/// The cuts that let one long text be encoded in parts (on several cores, or as it is read): at
/// every line start `isLineStartCut` accepts, the ids of the two halves are the ids of the whole.
@Suite struct LineStartCutTests {
    /// Lines that start with each kind of character, after each kind of line end.
    static let text: String = {
        let starts = [
            "word", "Word", "'s", "123", "!x", "/path", " space", "\t", "\r\n", "\n", "\u{3000}wide", "\u{A0}nb",
            "\u{85}nel", "\u{2028}ls", "\u{FEFF}bom", "Жук", "漢字", "かな", "「引用」", "한국어", "\u{301}mark", "é",
            "😀", "ـ", "\u{1680}og", "‾", "→", "·", "¿Qué",
        ]
        let ends = ["x", "!", ".  ", "::", " ", "\n"]
        var text = ""
        for (index, start) in starts.enumerated() {
            for (offset, end) in ends.enumerated() where (index + offset) % 2 == 0 {
                text += "line \(index)\(end)\n\(start) tail"
            }
        }
        return text
    }()

    @Test(arguments: ["o200k_harmony", "cl100k_base", "qwen3"])
    func everyAcceptedCutKeepsTheIDs(name: String) throws {
        let tokenizer = try TokenizerRegistry.load(named: name)
        let policy = SpecialTokenPolicy.untrusted
        #expect(tokenizer.splitsAtLineStarts(under: policy))
        let bytes = Array(Self.text.utf8)
        let whole = try tokenizer.encode(Self.text, policy: policy)
        var cuts = 0
        for cut in bytes.indices where isLineStartCut(bytes, at: cut) {
            let head = String(decoding: bytes[..<cut], as: UTF8.self)
            let tail = String(decoding: bytes[cut...], as: UTF8.self)
            #expect(try tokenizer.encode(head, policy: policy) + tokenizer.encode(tail, policy: policy) == whole, "cut at \(cut)")
            cuts += 1
        }
        #expect(cuts >= 40)
        let repeated = String(repeating: Self.text, count: 200)
        #expect(try tokenizer.encode(repeated, policy: policy, threads: 3) == tokenizer.encode(repeated, policy: policy))
    }

    /// The rule accepts the line starts of most scripts and refuses the characters that the
    /// patterns join to a line feed (a cut before them would change the ids).
    @Test func acceptsLettersOfAnyScriptAndRefusesWhiteSpaceAndSlash() throws {
        func accepts(_ start: String) -> Bool { isLineStartCut(Array("a\n\(start)".utf8), at: 2) }
        for start in ["a", "Z", "1", "'", "Ж", "漢", "か", "「", "한", "é", "😀", "\u{301}"] { #expect(accepts(start), "\(start)") }
        for start in [" ", "\t", "\r", "\n", "/", "\u{3000}", "\u{A0}", "\u{85}", "\u{2028}", "\u{1680}", "\u{FEFF}"] {
            #expect(!accepts(start), "\(start.unicodeScalars.first.map { String($0.value, radix: 16) } ?? "")")
        }
        #expect(!isLineStartCut([0x61, 0x0A, 0xE3, 0x81], at: 2))  // unfinished: decided on a later read
        #expect(!isLineStartCut(Array("ab".utf8), at: 1))
        // Why they are refused: o200k joins "!\n/" into one piece, and every pattern joins a line
        // feed to the line breaks after it.
        let o200k = try TokenizerRegistry.load(named: "o200k_harmony")
        let qwen3 = try TokenizerRegistry.load(named: "qwen3")
        #expect(try o200k.encode("!\n", policy: .untrusted) + o200k.encode("/x", policy: .untrusted) != o200k.encode("!\n/x", policy: .untrusted))
        #expect(try qwen3.encode("a\n", policy: .untrusted) + qwen3.encode("\nb", policy: .untrusted) != qwen3.encode("a\n\nb", policy: .untrusted))
    }
}
