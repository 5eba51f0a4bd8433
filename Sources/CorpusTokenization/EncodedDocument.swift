import BytePairEncoding
import OrderedJSON

/// One input line, encoded: its ids and the fields kept from its object.
public struct EncodedDocument: Sendable {
    /// The ids (with the end-of-text id when the run appends it).
    public var ids: [TokenID]
    /// The kept fields, in the order asked for (`null` where the object lacks one).
    public var keptFields: [(name: String, value: JSONValue)]
}
