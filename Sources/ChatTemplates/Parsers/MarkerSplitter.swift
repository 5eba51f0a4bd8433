/// Splits streamed text into plain text and marker strings (`<think>`, `<tool_call>`, …),
/// holding back a tail that could still grow into a marker, so the split does not depend on
/// where the tokens break.
struct MarkerSplitter: Sendable {
    enum Piece: Equatable {
        case text(String)
        case marker(String)
    }

    private let markers: [[Unicode.Scalar]]
    private var held: [Unicode.Scalar] = []

    init(markers: [String]) {
        self.markers = markers.map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }
    }

    mutating func feed(_ text: String) -> [Piece] {
        held += text.unicodeScalars
        return split(final: false)
    }

    mutating func flush() -> [Piece] { split(final: true) }

    private mutating func split(final: Bool) -> [Piece] {
        var pieces: [Piece] = []
        var plainStart = 0
        var index = 0
        scan: while index < held.count {
            for marker in markers where marker[0] == held[index] {
                let available = held.count - index
                if available >= marker.count {
                    if held[index..<(index + marker.count)].elementsEqual(marker) {
                        if index > plainStart { pieces.append(.text(PythonStrings.string(held[plainStart..<index]))) }
                        pieces.append(.marker(PythonStrings.string(marker)))
                        index += marker.count
                        plainStart = index
                        continue scan
                    }
                } else if !final, held[index...].elementsEqual(marker[..<available]) {
                    if index > plainStart { pieces.append(.text(PythonStrings.string(held[plainStart..<index]))) }
                    held.removeFirst(index)
                    return pieces
                }
            }
            index += 1
        }
        if held.count > plainStart { pieces.append(.text(PythonStrings.string(held[plainStart...]))) }
        held.removeAll()
        return pieces
    }
}
