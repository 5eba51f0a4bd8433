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
                var runs: [(original: Range<Int>, normalized: Range<Int>)] = []
                changed = try normalizer.normalize(text, into: &out) { runs.append(($0, $1)) }
                for run in runs {
                    for edit in try characterEdits(original: text, run.original, normalized: out, run.normalized) {
                        edits?.record(original: edit.original, normalized: edit.normalized)
                    }
                }
            }
            return changed ? out : nil
        } catch let error as NormalizationError {
            throw TokenizerError.normalization("\(error)")
        }
    }

    /// A rewritten run split into one edit per output character, as tokenizers aligns normalized
    /// text: each output character takes the input characters whose decompositions make up its
    /// own (so a composed `é` comes from `e` and the combining accent, and `Å` from `Å`). When the
    /// decompositions do not line up, the run stays one edit.
    private func characterEdits(
        original text: UnsafeBufferPointer<UInt8>, _ originalRange: Range<Int>, normalized out: [UInt8], _ normalizedRange: Range<Int>
    ) throws -> [(original: Range<Int>, normalized: Range<Int>)] {
        let decomposer = UnicodeNormalizer(Self.form == .nfc || Self.form == .nfd ? .nfd : .nfkd)
        func characters(_ bytes: some Collection<UInt8>, startingAt base: Int) throws -> [(range: Range<Int>, weight: Int)] {
            var result: [(range: Range<Int>, weight: Int)] = []
            var offset = base
            for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
                let length = String(scalar).utf8.count
                result.append((offset..<(offset + length), try decomposer.normalize(String(scalar)).unicodeScalars.count))
                offset += length
            }
            return result
        }
        let inputs = try characters(text[originalRange], startingAt: originalRange.lowerBound)
        let outputs = try characters(out[normalizedRange], startingAt: normalizedRange.lowerBound)
        var edits: [(original: Range<Int>, normalized: Range<Int>)] = []
        var next = 0
        for output in outputs {
            let first = next
            var weight = 0
            while weight < output.weight && next < inputs.count {
                weight += inputs[next].weight
                next += 1
            }
            guard weight == output.weight, first < next else { return [(originalRange, normalizedRange)] }
            edits.append((inputs[first].range.lowerBound..<inputs[next - 1].range.upperBound, output.range))
        }
        guard next == inputs.count else { return [(originalRange, normalizedRange)] }
        return edits
    }
}
