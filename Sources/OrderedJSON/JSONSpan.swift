/// Where a member's value lies in a document: its byte range and, for an array or object, its
/// number of elements or members.
package struct JSONSpan: Sendable, Hashable {
    package var start: Int
    package var end: Int
    package var count: Int

    package init(start: Int, end: Int, count: Int) {
        self.start = start
        self.end = end
        self.count = count
    }
}
