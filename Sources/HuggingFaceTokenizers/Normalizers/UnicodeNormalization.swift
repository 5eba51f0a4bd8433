import OrderedJSON
import TextNormalization
import TokenizerCore

/// The `NFC`, `NFD`, `NFKC` and `NFKD` normalizers, exactly as tokenizers 0.23.3 applies them
/// (its Unicode-9-era data: see `ReferenceNormalizer`).
enum UnicodeNormalization {
    /// What the four forms share.
    protocol Form: NormalizerStage {
        static var form: UnicodeNormalizer.Form { get }
        var normalizer: ReferenceNormalizer { get }
    }

    struct NFC: Form {
        static let typeName = "NFC"
        static let form = UnicodeNormalizer.Form.nfc
        let normalizer = ReferenceNormalizer(Self.form)
        init(json: JSONCursor) {}
    }

    struct NFD: Form {
        static let typeName = "NFD"
        static let form = UnicodeNormalizer.Form.nfd
        let normalizer = ReferenceNormalizer(Self.form)
        init(json: JSONCursor) {}
    }

    struct NFKC: Form {
        static let typeName = "NFKC"
        static let form = UnicodeNormalizer.Form.nfkc
        let normalizer = ReferenceNormalizer(Self.form)
        init(json: JSONCursor) {}
    }

    struct NFKD: Form {
        static let typeName = "NFKD"
        static let form = UnicodeNormalizer.Form.nfkd
        let normalizer = ReferenceNormalizer(Self.form)
        init(json: JSONCursor) {}
    }
}

extension UnicodeNormalization.Form {
    var summary: String { Self.typeName }

    func normalize(_ text: UnsafeBufferPointer<UInt8>, edits: inout TextEdits?) throws -> [UInt8]? {
        var out: [UInt8] = []
        edits?.beginLayer()
        do {
            let changed: Bool
            if edits == nil {
                changed = try normalizer.normalize(text, into: &out)
            } else {
                var layer = TextEdits()
                changed = try normalizer.normalize(text, into: &out) { layer.record(original: $0, normalized: $1) }
                for edit in layer.layers.first ?? [] { edits?.record(original: edit.original, normalized: edit.normalized) }
            }
            return changed ? out : nil
        } catch {
            throw TokenizerError.normalization("\(error)")
        }
    }
}
