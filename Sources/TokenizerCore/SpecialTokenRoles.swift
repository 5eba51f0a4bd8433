import BytePairEncoding

/// The tokens a tokenizer gives a role, as transformers names them, and the ids that end generation.
public struct SpecialTokenRoles: Sendable, Hashable {
    /// A token with its text and id.
    public struct Token: Sendable, Hashable {
        /// The token's text (`<|endoftext|>`).
        public let text: String
        /// Its id.
        public let id: TokenID

        public init(text: String, id: TokenID) {
            self.text = text
            self.id = id
        }
    }

    /// The beginning-of-sequence token.
    public var bos: Token?
    /// The end-of-sequence (end-of-text) token.
    public var eos: Token?
    /// The padding token.
    public var pad: Token?
    /// The unknown token.
    public var unk: Token?
    /// The ids that end generation: the eos id first, then any others the vocabulary or the model
    /// folder's `generation_config.json` names.
    public var stopIDs: [TokenID]

    public init(bos: Token? = nil, eos: Token? = nil, pad: Token? = nil, unk: Token? = nil, stopIDs: [TokenID]? = nil) {
        self.bos = bos
        self.eos = eos
        self.pad = pad
        self.unk = unk
        self.stopIDs = stopIDs ?? eos.map { [$0.id] } ?? []
    }

    /// The roles as `bos=<s>(1) eos=</s>(2)`, or "none".
    public var summary: String {
        let named = [("bos", bos), ("eos", eos), ("pad", pad), ("unk", unk)]
            .compactMap { role, token in token.map { "\(role)=\($0.text)(\($0.id))" } }
        let stops = stopIDs.count > 1 || (stopIDs.first != eos?.id && !stopIDs.isEmpty)
            ? " stop=\(stopIDs.map(String.init).joined(separator: ","))" : ""
        return named.isEmpty && stops.isEmpty ? "none" : named.joined(separator: " ") + stops
    }
}
