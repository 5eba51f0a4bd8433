import CTokenizerSuiteICUShim

/// Unicode normalization that gives exactly what Hugging Face tokenizers 0.23.3's normalizers give,
/// whatever the Unicode version of the system ICU.
///
/// tokenizers normalizes with Unicode-9-era data: marks and compositions added since are inert
/// there. This normalizer treats those code points (`ReferenceNormalizationTables`, derived by
/// scanning the reference) as inert, and hands only the short runs of text around code points that
/// can change to ICU; text that cannot change is not copied.
package struct ReferenceNormalizer: Sendable {
    /// The form this normalizer applies.
    package let form: UnicodeNormalizer.Form
    @usableFromInline let tables: Tables

    /// A normalizer for `form`.
    package init(_ form: UnicodeNormalizer.Form) {
        self.form = form
        switch form {
        case .nfc: tables = Tables.nfc
        case .nfd: tables = Tables.nfd
        case .nfkc: tables = Tables.nfkc
        case .nfkd: tables = Tables.nfkd
        }
    }

    /// Normalizes the valid UTF-8 `text`. Returns false (leaving `output` untouched) when `text` is
    /// already normalized; otherwise replaces `output` with the normalized bytes and returns true.
    /// - Parameter onReplacement: called with each byte range of `text` that was rewritten and the
    ///   range of `output` that replaced it (text outside them is copied unchanged), in order.
    /// - Throws: `NormalizationError` when ICU fails.
    /// - Complexity: O(n); ICU sees only the runs around code points that can change.
    package func normalize(
        _ text: UnsafeBufferPointer<UInt8>, into output: inout [UInt8],
        onReplacement: ((_ original: Range<Int>, _ normalized: Range<Int>) -> Void)? = nil
    ) throws -> Bool {
        guard let base = text.baseAddress else { return false }
        let n = text.count
        var i = 0
        var boundary = 0        // where a run handed to ICU may start
        var copied = 0          // bytes of `text` already accounted for in `output`
        var changed = false
        var scratch: [UInt8] = []
        while i < n {
            let b = base[i]
            if b < 0x80 {
                // ASCII is normalized in every form: skip it eight bytes at a time. `boundary`
                // becomes the last ASCII byte, where a run that ICU must see may begin.
                i += 1
                while i + 8 <= n {
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                    let high = word & 0x8080_8080_8080_8080
                    if high != 0 { i += high.trailingZeroBitCount >> 3; break }
                    i += 8
                }
                boundary = i - 1
                continue
            }
            let (scalar, length) = Self.decode(base, i)
            if tables.isException(scalar) { i += length; boundary = i; continue }
            if !tables.isSensitive(scalar) { boundary = i; i += length; continue }
            var j = i + length
            while j < n {
                if base[j] < 0x80 { break }
                let (s, l) = Self.decode(base, j)
                if tables.isException(s) || !tables.isSensitive(s) { break }
                j += l
            }
            let run = UnsafeBufferPointer(start: base + boundary, count: j - boundary)
            try icuNormalize(run, into: &scratch)
            if !changed {
                if scratch.elementsEqual(run) { boundary = j; i = j; continue }
                output.removeAll(keepingCapacity: true)
                output.reserveCapacity(n + n / 8 + 16)
                changed = true
            }
            output.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: boundary - copied))
            if let onReplacement, !scratch.elementsEqual(run) {
                onReplacement(boundary..<j, output.count..<(output.count + scratch.count))
            }
            output.append(contentsOf: scratch)
            copied = j
            boundary = j
            i = j
        }
        if changed { output.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: n - copied)) }
        return changed
    }

    /// `text` normalized.
    /// - Throws: `NormalizationError` when ICU fails.
    package func normalize(_ text: String) throws -> String {
        var text = text
        var output: [UInt8] = []
        let changed = try text.withUTF8 { try normalize($0, into: &output) }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    private func icuNormalize(_ run: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) throws {
        let cForm: TSNormalizationForm
        switch form {
        case .nfc: cForm = TSNormalizationFormNFC
        case .nfd: cForm = TSNormalizationFormNFD
        case .nfkc: cForm = TSNormalizationFormNFKC
        case .nfkd: cForm = TSNormalizationFormNFKD
        }
        var capacity = run.count * 3 + 32
        while true {
            out = [UInt8](repeating: 0, count: capacity)
            let length = run.withMemoryRebound(to: CChar.self) { source in
                out.withUnsafeMutableBufferPointer { destination in
                    destination.withMemoryRebound(to: CChar.self) { d in
                        ts_icu_normalize_utf8(cForm, source.baseAddress, Int32(source.count), d.baseAddress, Int32(capacity))
                    }
                }
            }
            if length < 0 { throw NormalizationError(form: form) }
            if Int(length) <= capacity {
                out.removeSubrange(Int(length)...)
                return
            }
            capacity = Int(length) + 1
        }
    }

    @inline(__always)
    static func decode(_ p: UnsafePointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0xE0 { return (((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F), 2) }
        if b0 < 0xF0 {
            return (((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F), 3)
        }
        return (((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12)
            | ((UInt32(p[i + 2]) & 0x3F) << 6) | (UInt32(p[i + 3]) & 0x3F), 4)
    }

    /// Bit sets over all code points, built once per form.
    @usableFromInline
    final class Tables: Sendable {
        let sensitive: [UInt64]
        let exceptions: [UInt64]

        init(sensitive: [ClosedRange<UInt32>], exceptions: [ClosedRange<UInt32>]) {
            func bits(_ ranges: [ClosedRange<UInt32>]) -> [UInt64] {
                var words = [UInt64](repeating: 0, count: 0x110000 / 64)
                for range in ranges {
                    for cp in range { words[Int(cp >> 6)] |= 1 << UInt64(cp & 63) }
                }
                return words
            }
            self.sensitive = bits(sensitive)
            self.exceptions = bits(exceptions)
        }

        @inline(__always) func isSensitive(_ cp: UInt32) -> Bool {
            cp < 0x110000 && sensitive[Int(cp >> 6)] & (1 << UInt64(cp & 63)) != 0
        }

        @inline(__always) func isException(_ cp: UInt32) -> Bool {
            cp < 0x110000 && exceptions[Int(cp >> 6)] & (1 << UInt64(cp & 63)) != 0
        }

        static let nfc = Tables(sensitive: ReferenceNormalizationTables.nfcSensitive, exceptions: ReferenceNormalizationTables.nfcExceptions)
        static let nfd = Tables(sensitive: ReferenceNormalizationTables.nfdSensitive, exceptions: ReferenceNormalizationTables.nfdExceptions)
        static let nfkc = Tables(sensitive: ReferenceNormalizationTables.nfkcSensitive, exceptions: ReferenceNormalizationTables.nfkcExceptions)
        static let nfkd = Tables(sensitive: ReferenceNormalizationTables.nfkdSensitive, exceptions: ReferenceNormalizationTables.nfkdExceptions)
    }
}
