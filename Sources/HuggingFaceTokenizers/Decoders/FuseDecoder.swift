import OrderedJSON

/// `Fuse`: joins all tokens into one.
struct FuseDecoder: DecoderStage {
    static let typeName = "Fuse"
    let summary = "Fuse"

    init(json: JSONCursor) {}

    func decodeChain(_ tokens: [String]) -> [String] { [tokens.joined()] }
}
