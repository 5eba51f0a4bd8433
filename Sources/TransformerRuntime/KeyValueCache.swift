/// The keys and values a model has computed for the tokens it has seen, so that each new token
/// costs one pass instead of a pass over the whole sequence.
///
/// Sliding-window layers keep only the keys their window can still see (the last `window`
/// positions); full-attention layers keep everything. Latent-attention layers (DeepSeek-V3)
/// keep, per token, only the compressed key/value latent and the shared rotary key
/// (`kv_lora_rank + qk_rope_head_dim` floats), from which keys and values are derived.
public struct KeyValueCache: Sendable {
    /// The stored rows of one layer.
    struct Layer: Sendable {
        /// Keys, `storedCount` rows of `keyWidth` values (already rotated); for latent
        /// attention, the latent followed by the rotated shared key.
        var keys: [Float] = []
        /// Values, `storedCount` rows of `valueWidth` values (empty for latent attention).
        var values: [Float] = []
        /// The absolute position of the first stored row.
        var firstPosition = 0
        /// Values per key row.
        let keyWidth: Int
        /// Values per value row (0 for latent attention).
        let valueWidth: Int
        /// How many positions stay visible (nil: all of them).
        let window: Int?

        var storedCount: Int { keys.count / keyWidth }

        /// Drops the rows no query from `nextPosition` on can see.
        mutating func trim(nextPosition: Int) {
            guard let window else { return }
            // The next query (at nextPosition) sees positions nextPosition − window + 1 ... itself,
            // so `window − 1` earlier rows must stay.
            let firstVisible = max(0, nextPosition - window + 1)
            let dropCount = firstVisible - firstPosition
            guard dropCount > 0 else { return }
            keys.removeFirst(dropCount * keyWidth)
            values.removeFirst(dropCount * valueWidth)
            firstPosition += dropCount
        }
    }

    var layers: [Layer]

    /// The number of tokens the cache has seen (the position of the next token).
    public internal(set) var tokenCount = 0

    /// The number of key rows currently stored over all layers.
    public var storedRowCount: Int { layers.reduce(0) { $0 + $1.storedCount } }

    /// The bytes the cache holds now.
    public var byteCount: Int {
        layers.reduce(0) { $0 + ($1.keys.count + $1.values.count) * MemoryLayout<Float>.size }
    }

    /// Whether the cache has the layout `configuration` needs (same layers, widths and windows).
    func matches(_ configuration: ModelConfiguration) -> Bool {
        let expected = KeyValueCache(configuration: configuration).layers
        return layers.count == expected.count
            && zip(layers, expected).allSatisfy {
                $0.keyWidth == $1.keyWidth && $0.valueWidth == $1.valueWidth && $0.window == $1.window
            }
    }

    init(configuration: ModelConfiguration) {
        let (keyWidth, valueWidth) = configuration.cachedWidths
        layers = configuration.layerTypes.map { kind in
            Layer(keyWidth: keyWidth, valueWidth: valueWidth, window: kind == .sliding ? configuration.slidingWindow : nil)
        }
    }
}
