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

    /// Rotates one head vector (of the rotary dimension) of the `row`-th position in place,
    /// pairing `(i, i + d/2)`, or `(2i, 2i + 1)` when `interleaved`.
    func rotate(_ head: UnsafeMutablePointer<Float>, row: Int, interleaved: Bool = false) {
        let half = half
        cosines.withUnsafeBufferPointer { c in
            sines.withUnsafeBufferPointer { s in
                let (cos, sin) = (c.baseAddress! + row * half, s.baseAddress! + row * half)
                if interleaved {
                    RotaryEmbedding.rotateInterleaved(head, half: half, cos: cos, sin: sin)
                } else {
                    RotaryEmbedding.rotate(head, half: half, cos: cos, sin: sin)
                }
            }
        }
    }
}
