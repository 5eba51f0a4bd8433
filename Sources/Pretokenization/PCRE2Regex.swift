import CTokenizerSuitePCRE2

/// A compiled PCRE2 pattern (UTF-8, Unicode properties, JIT when available), safe to share across
/// threads. Every raw PCRE2 call of the project lives in this file.
package final class PCRE2Regex: @unchecked Sendable {
    // The compiled code and match context are immutable after `init`; PCRE2 documents both as
    // shareable between threads. Match data is created per call.
    private let code: OpaquePointer
    private let matchContext: OpaquePointer?
    private let usesJIT: Bool

    /// The pattern exactly as compiled (after any rewriting by the caller).
    package let pattern: String

    /// Compiles `pattern`.
    /// - Parameters:
    ///   - caseless: compile with `PCRE2_CASELESS`.
    ///   - dollarEndOnly: `$` matches only at the very end of the subject (tiktoken's reading).
    /// - Throws: `RegexError.compile` with PCRE2's message and the offset it names.
    package init(_ pattern: String, caseless: Bool = false, dollarEndOnly: Bool = true) throws {
        var options = UInt32(PCRE2_UTF | PCRE2_UCP)
        if caseless { options |= UInt32(PCRE2_CASELESS) }
        if dollarEndOnly { options |= UInt32(PCRE2_DOLLAR_ENDONLY) }
        var errorCode: Int32 = 0
        var errorOffset = 0
        let compiled: OpaquePointer? = pattern.withCString { cString in
            cString.withMemoryRebound(to: UInt8.self, capacity: pattern.utf8.count + 1) { bytes in
                pcre2_compile_8(bytes, pattern.utf8.count, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw RegexError.compile(pattern: pattern, message: Self.message(for: errorCode), offset: errorOffset)
        }
        code = compiled
        usesJIT = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
        // Linear-time patterns may still backtrack once per character on a long run; lift the
        // default limits so a 10 MB run of one letter is never refused.
        let context = pcre2_match_context_create_8(nil)
        if let context {
            pcre2_set_match_limit_8(context, UInt32.max)
            pcre2_set_depth_limit_8(context, UInt32.max)
        }
        matchContext = context
        self.pattern = pattern
    }

    deinit {
        if let matchContext { pcre2_match_context_free_8(matchContext) }
        pcre2_code_free_8(code)
    }

    /// Calls `body(start, end)` with the byte range of every successive non-overlapping match in
    /// `subject`, leftmost first. An empty match advances by one whole scalar. The subject must be
    /// valid UTF-8 (it is not checked again).
    /// - Complexity: as the pattern; O(n) for the tokenizer patterns this project ships.
    package func forEachMatch(
        in subject: UnsafeBufferPointer<UInt8>,
        _ body: (_ start: Int, _ end: Int) throws -> Void
    ) throws {
        guard let base = subject.baseAddress, subject.count > 0 else { return }
        guard let matchData = pcre2_match_data_create_from_pattern_8(code, nil) else {
            throw RegexError.match(pattern: pattern, message: "out of memory creating match data")
        }
        defer { pcre2_match_data_free_8(matchData) }
        let ovector = pcre2_get_ovector_pointer_8(matchData)!
        let length = subject.count
        var offset = 0
        while offset < length {
            let rc: Int32
            if usesJIT {
                rc = pcre2_jit_match_8(code, base, length, offset, 0, matchData, matchContext)
            } else {
                rc = pcre2_match_8(code, base, length, offset, UInt32(PCRE2_NO_UTF_CHECK), matchData, matchContext)
            }
            if rc == PCRE2_ERROR_NOMATCH { return }
            if rc < 0 { throw RegexError.match(pattern: pattern, message: Self.message(for: rc)) }
            let start = ovector[0]
            let end = ovector[1]
            if end > start {
                try body(start, end)
                offset = end
            } else {
                offset = start + UTF8Scalar.length(leadByte: subject[start])
            }
        }
    }

    /// Whether PCRE2 compiled this pattern to machine code.
    package var isJITCompiled: Bool { usesJIT }

    /// The Unicode version of the linked PCRE2's character tables, e.g. "14.0.0".
    package static var unicodeVersion: String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let written = buffer.withUnsafeMutableBytes { pcre2_config_8(UInt32(PCRE2_CONFIG_UNICODE_VERSION), $0.baseAddress) }
        guard written > 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
    }

    private static func message(for errorCode: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(errorCode, $0.baseAddress, 256) }
        guard count > 0 else { return "PCRE2 error \(errorCode)" }
        return String(decoding: buffer.prefix(Int(count)), as: UTF8.self)
    }
}

/// An error from compiling or running a regular expression.
public enum RegexError: Error, Equatable, CustomStringConvertible {
    /// The pattern did not compile; `offset` is the byte offset PCRE2 names.
    case compile(pattern: String, message: String, offset: Int)
    /// Matching failed (not "no match": an engine error such as a resource limit).
    case match(pattern: String, message: String)
    /// The pattern uses a construct this project cannot translate exactly.
    case unsupported(pattern: String, construct: String)

    public var description: String {
        switch self {
        case let .compile(pattern, message, offset):
            return "regex does not compile at byte \(offset): \(message) (pattern: \(pattern))"
        case let .match(pattern, message):
            return "regex match failed: \(message) (pattern: \(pattern))"
        case let .unsupported(pattern, construct):
            return "regex construct \(construct) is not supported (pattern: \(pattern))"
        }
    }
}
