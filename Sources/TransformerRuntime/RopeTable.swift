/// cos and sin of the rotary angles for a run of consecutive positions, shared by all layers of
/// one forward pass.
struct RopeTable: Sendable {
    private var cosines: [Float]
    private var sines: [Float]
    private let half: Int

    /// Tables for positions `start ..< start + count`.
    init(_ rotary: RotaryEmbedding, start: Int, count: Int) {
        half = rotary.dimension / 2
        cosines = [Float](repeating: 0, count: count * half)
        sines = [Float](repeating: 0, count: count * half)
        let half = half
        cosines.withUnsafeMutableBufferPointer { c in
            sines.withUnsafeMutableBufferPointer { s in
                for t in 0..<count {
                    rotary.fillTable(position: start + t, cos: c.baseAddress! + t * half, sin: s.baseAddress! + t * half)
                }
            }
        }
    }

    /// Rotates one head vector of the `row`-th position in place.
    func rotate(_ head: UnsafeMutablePointer<Float>, row: Int, half: Int) {
        cosines.withUnsafeBufferPointer { c in
            sines.withUnsafeBufferPointer { s in
                RotaryEmbedding.rotate(head, half: half, cos: c.baseAddress! + row * half, sin: s.baseAddress! + row * half)
            }
        }
    }
}
