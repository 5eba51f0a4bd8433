import CTokenizerSuiteICUShim

/// Unicode normalization (NFC, NFD, NFKC, NFKD) through the system ICU.
///
/// ICU's data follows its own Unicode version; callers that must match a reference bit for bit
/// layer their exception tables on top (see the tokenizer.json loader).
package struct UnicodeNormalizer: Sendable {
    /// A normalization form.
    package enum Form: Sendable, CaseIterable {
        case nfc, nfd, nfkc, nfkd
    }

    /// The form this normalizer applies.
    package let form: Form

    /// A normalizer for `form`.
    package init(_ form: Form) { self.form = form }

    /// `text` in this normalization form.
    /// - Throws: `NormalizationError` when ICU reports a failure.
    package func normalize(_ text: String) throws -> String {
        let source = Array(text.utf16)
        if source.isEmpty { return text }
        let cForm: TSNormalizationForm
        switch form {
        case .nfc: cForm = TSNormalizationFormNFC
        case .nfd: cForm = TSNormalizationFormNFD
        case .nfkc: cForm = TSNormalizationFormNFKC
        case .nfkd: cForm = TSNormalizationFormNFKD
        }
        var capacity = source.count * 2 + 16
        while true {
            var destination = [UInt16](repeating: 0, count: capacity)
            let length = source.withUnsafeBufferPointer { src in
                destination.withUnsafeMutableBufferPointer { dst in
                    ts_icu_normalize(cForm, src.baseAddress, Int32(src.count), dst.baseAddress, Int32(capacity))
                }
            }
            if length < 0 { throw NormalizationError(form: form) }
            if Int(length) <= capacity {
                return String(decoding: destination[0..<Int(length)], as: UTF16.self)
            }
            capacity = Int(length)
        }
    }

    /// The Unicode version of the linked ICU data ("15.0" for ICU 72).
    package static var icuUnicodeVersion: String {
        var buffer = [CChar](repeating: 0, count: 32)
        ts_icu_unicode_version(&buffer, 32)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// ICU could not normalize a text.
package struct NormalizationError: Error, CustomStringConvertible {
    /// The form that failed.
    package let form: UnicodeNormalizer.Form
    package var description: String { "ICU failed to normalize text to \(form)" }
}
