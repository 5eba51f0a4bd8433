/// A place in a template: 1-based line and column (in Unicode scalars).
struct SourceLocation: Sendable, Equatable {
    let line: Int
    let column: Int
    var pair: (line: Int, column: Int) { (line, column) }
}

/// The line starts of a template, to turn scalar offsets into lines and columns.
struct SourceLines {
    private let starts: [Int]

    init(_ source: [Unicode.Scalar]) {
        var starts = [0]
        for (index, scalar) in source.enumerated() where scalar == "\n" { starts.append(index + 1) }
        self.starts = starts
    }

    func location(of offset: Int) -> SourceLocation {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourceLocation(line: low + 1, column: offset - starts[low] + 1)
    }
}
