import Pretokenization

extension PieceSplitter {
    /// Which engine runs the pattern, for pipeline descriptions: a hand-written scanner or PCRE2.
    package var engineDescription: String {
        self is RegexSplitter ? "PCRE2 (JIT when available)" : "hand-written scanner (\(type(of: self)))"
    }
}
