/// Where normalization rewrote text, so positions in normalized text map back to the original
/// (for byte offsets). Each stage adds a layer of edits relative to its own input.
struct TextEdits {
    /// One rewritten span: `original` bytes of the stage's input became `normalized` bytes of its output.
    struct Edit {
        let original: Range<Int>
        let normalized: Range<Int>
    }

    /// The layers, first stage first; each is sorted and non-overlapping.
    private(set) var layers: [[Edit]] = []

    /// Starts the layer of the next stage.
    mutating func beginLayer() {
        layers.append([])
    }

    /// Records an edit of the current stage.
    mutating func record(original: Range<Int>, normalized: Range<Int>) {
        if layers.isEmpty { layers.append([]) }
        layers[layers.count - 1].append(Edit(original: original, normalized: normalized))
    }

    /// The position in the original text that `offset` of the final text comes from: exact in text
    /// no stage changed; the start of the rewritten span for a position inside one.
    func originalOffset(of offset: Int) -> Int {
        var position = offset
        for layer in layers.reversed() {
            position = Self.map(position, through: layer)
        }
        return position
    }

    private static func map(_ position: Int, through edits: [Edit]) -> Int {
        // The last edit that starts at or before `position` (binary search on normalized starts).
        var low = 0
        var high = edits.count
        while low < high {
            let mid = (low + high) / 2
            if edits[mid].normalized.lowerBound <= position { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return position }
        let edit = edits[low - 1]
        if position < edit.normalized.upperBound { return edit.original.lowerBound }
        return position - edit.normalized.upperBound + edit.original.upperBound
    }
}
