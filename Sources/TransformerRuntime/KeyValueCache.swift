/// The keys and values a model has computed for the tokens it has seen, so that each new token
/// costs one pass instead of a pass over the whole sequence.
///
/// Sliding-window layers keep only the keys their window can still see (the last `window`
/// positions); full-attention layers keep everything.
public struct KeyValueCache: Sendable {
    /// The stored keys and values of one layer.
    struct Layer: Sendable {
        /// Keys, `storedCount` rows of `width` values (already rotated).
        var keys: [Float] = []
        /// Values, `storedCount` rows of `width` values.
        var values: [Float] = []
        /// The absolute position of the first stored row.
        var firstPosition = 0
        /// Values per row (key/value heads × head size).
        let width: Int
        /// How many positions stay visible (nil: all of them).
        let window: Int?

        var storedCount: Int { keys.count / width }

        /// Drops the rows no query from `nextPosition` on can see.
        mutating func trim(nextPosition: Int) {
            guard let window else { return }
            // The next query (at nextPosition) sees positions nextPosition − window + 1 ... itself,
            // so `window − 1` earlier rows must stay.
            let firstVisible = max(0, nextPosition - window + 1)
            let dropCount = firstVisible - firstPosition
            guard dropCount > 0 else { return }
            keys.removeFirst(dropCount * width)
            values.removeFirst(dropCount * width)
            firstPosition += dropCount
        }
    }

    var layers: [Layer]

    /// The number of tokens the cache has seen (the position of the next token).
    public internal(set) var tokenCount = 0

    /// The number of key rows currently stored over all layers.
    public var storedRowCount: Int { layers.reduce(0) { $0 + $1.storedCount } }

    init(configuration: ModelConfiguration) {
        let width = configuration.keyValueHeadCount * configuration.headDimension
        layers = configuration.layerTypes.map { kind in
            Layer(width: width, window: kind == .sliding ? configuration.slidingWindow : nil)
        }
    }
}
