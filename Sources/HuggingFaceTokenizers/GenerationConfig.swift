import BytePairEncoding
import OrderedJSON
import TokenizerCore

/// What the tokenizer takes from a model folder's `generation_config.json`: the ids that end
/// generation (`eos_token_id`, one id or a list), as transformers' `generate` stops on them.
enum GenerationConfig {
    /// The stop ids: `eos` first, then the config's `eos_token_id` values in order, without repeats.
    /// - Throws: `JSONShapeError` naming `eos_token_id` when it is not an id or a list of ids below `limit`.
    static func stopIDs(json config: JSONCursor, eos: TokenID?, limit: Int) throws -> [TokenID] {
        var ids = eos.map { [$0] } ?? []
        guard let node = try config.member("eos_token_id"), node.value != .null else { return ids }
        let listed = node.value.arrayValue != nil ? try node.elements() : [node]
        for element in listed {
            let id = TokenID(try element.int(in: 0...(limit - 1)))
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }
}
