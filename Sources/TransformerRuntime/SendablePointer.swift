/// A pointer handed to worker threads that each write a disjoint part of its memory.
struct SendablePointer<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    init(_ pointer: UnsafeMutablePointer<Element>) { self.pointer = pointer }
}

/// A pointer to memory that worker threads only read.
struct SendableConstPointer<Element>: @unchecked Sendable {
    let pointer: UnsafePointer<Element>
    init(_ pointer: UnsafePointer<Element>) { self.pointer = pointer }
}
