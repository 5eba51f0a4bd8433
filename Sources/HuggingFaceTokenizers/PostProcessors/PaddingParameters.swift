import BytePairEncoding
import OrderedJSON

/// A `tokenizer.json`'s `padding`: how tokenizers pads an encoding to a length.
public struct PaddingParameters: Sendable, Hashable {
    /// Which end gets the padding.
    public enum Direction: String, Sendable, Hashable {
        case left = "Left"
        case right = "Right"
    }

    /// A fixed length, or (for one text) its own length: `BatchLongest`.
    public var fixedLength: Int?
    public var direction: Direction
    /// The length is rounded up to a multiple of this.
    public var padToMultipleOf: Int?
    public var padID: TokenID
    public var padTypeID: UInt32
    public var padToken: String

    /// Reads the object at `json`.
    /// - Throws: `JSONShapeError` naming a malformed member.
    init(json: JSONCursor) throws {
        let strategy = try json.required("strategy")
        if case .string = strategy.value {
            guard try strategy.string() == "BatchLongest" else { throw strategy.failure("expected \"BatchLongest\" or {\"Fixed\": N}") }
            fixedLength = nil
        } else {
            fixedLength = try strategy.required("Fixed").int(in: 0...Int(Int32.max))
        }
        direction = try TruncationParameters.enumeration(json.member("direction"), default: .right)
        padToMultipleOf = try json.member("pad_to_multiple_of")?.int(in: 0...Int(Int32.max))
        padID = TokenID(try json.member("pad_id")?.int(in: 0...Int(UInt32.max)) ?? 0)
        padTypeID = UInt32(try json.member("pad_type_id")?.int(in: 0...Int(UInt32.max)) ?? 0)
        padToken = try json.optionalString("pad_token") ?? "[PAD]"
    }

    /// The length to pad an encoding of `length` ids to.
    func targetLength(for length: Int) -> Int {
        var target = fixedLength ?? length
        if let multiple = padToMultipleOf, multiple > 0, target % multiple > 0 { target += multiple - target % multiple }
        return target
    }

    /// A one-line description.
    public var summary: String {
        let length = fixedLength.map { "Fixed(\($0))" } ?? "BatchLongest"
        let multiple = padToMultipleOf.map { ", multiple of \($0)" } ?? ""
        return "\(length)\(multiple), \(direction.rawValue), pad \(padToken.debugDescription)=\(padID) type \(padTypeID)"
    }
}
