#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Rotary position embeddings: in the half-split ("rotate half") layout dimension `i` is rotated
/// together with dimension `i + d/2`; in the interleaved layout (DeepSeek's `rope_interleave`)
/// dimensions `2i` and `2i + 1` form a pair.
///
/// Frequencies follow transformers' float32 arithmetic step by step, so angles agree with it to
/// the last bit or two.
package struct RotaryEmbedding: Sendable {
    /// The rotated head size `d`.
    package let dimension: Int
    /// `inv_freq[i]` for `i < d/2`.
    package let inverseFrequencies: [Float]
    /// The factor cos and sin are multiplied by (1 without YaRN).
    package let attentionFactor: Float

    /// Computes the frequencies for heads of size `dimension` with base `theta`.
    /// - Precondition: `dimension` is even and positive (checked by the configuration reader).
    package init(dimension: Int, theta: Double, scaling: RopeScaling) {
        self.dimension = dimension
        let half = dimension / 2
        let base = Float(theta)
        // theta^(2i/d) in float32, as transformers computes it.
        let positionFrequencies = (0..<half).map { i in
            powf(base, Float(2 * i) / Float(dimension))
        }
        switch scaling {
        case .none:
            inverseFrequencies = positionFrequencies.map { 1 / $0 }
            attentionFactor = 1
        case .yarn(let yarn):
            let factor = Float(yarn.factor)
            func correctionDimension(_ rotations: Double) -> Double {
                Double(dimension) * log(Double(yarn.originalMaxPositionEmbeddings) / (rotations * 2 * Double.pi))
                    / (2 * log(theta))
            }
            var low = correctionDimension(yarn.betaFast)
            var high = correctionDimension(yarn.betaSlow)
            if yarn.truncate {
                low = low.rounded(.down)
                high = high.rounded(.up)
            }
            low = max(low, 0)
            high = min(high, Double(dimension - 1))
            if low == high { high += 0.001 }
            var frequencies = [Float](repeating: 0, count: half)
            for i in 0..<half {
                let ramp = min(max((Float(i) - Float(low)) / Float(high - low), 0), 1)
                let extrapolationFactor = 1 - ramp
                let extrapolated = 1 / positionFrequencies[i]
                let interpolated = 1 / (factor * positionFrequencies[i])
                frequencies[i] = interpolated * (1 - extrapolationFactor) + extrapolated * extrapolationFactor
            }
            inverseFrequencies = frequencies
            attentionFactor = Float(RotaryEmbedding.yarnAttentionFactor(yarn))
        }
    }

    /// The cos/sin multiplier YaRN uses when the configuration does not give one.
    static func yarnAttentionFactor(_ yarn: RopeScaling.YarnParameters) -> Double {
        if let explicit = yarn.attentionFactor { return explicit }
        func magnitude(_ scale: Double, _ mscale: Double) -> Double {
            scale <= 1 ? 1 : 0.1 * mscale * log(scale) + 1
        }
        if let mscale = yarn.mscale, let all = yarn.mscaleAllDim, mscale != 0, all != 0 {
            return magnitude(yarn.factor, mscale) / magnitude(yarn.factor, all)
        }
        return magnitude(yarn.factor, 1)
    }

    /// Writes `cos(p·inv_freq[i])·a` and `sin(p·inv_freq[i])·a` for `i < d/2` into the two buffers.
    package func fillTable(position: Int, cos cosines: UnsafeMutablePointer<Float>, sin sines: UnsafeMutablePointer<Float>) {
        let p = Float(position)
        for i in 0..<dimension / 2 {
            let angle = p * inverseFrequencies[i]
            cosines[i] = cosf(angle) * attentionFactor
            sines[i] = sinf(angle) * attentionFactor
        }
    }

    /// Rotates one head vector of size `d` in place with a table from `fillTable`.
    @inline(__always)
    static func rotate(
        _ x: UnsafeMutablePointer<Float>, half: Int,
        cos cosines: UnsafePointer<Float>, sin sines: UnsafePointer<Float>
    ) {
        for i in 0..<half {
            let first = x[i]
            let second = x[i + half]
            x[i] = first * cosines[i] - second * sines[i]
            x[i + half] = second * cosines[i] + first * sines[i]
        }
    }

    /// Rotates one head vector of size `d` in place, pairing dimensions `(2i, 2i + 1)` at angle
    /// `i`. transformers writes the result de-interleaved (`[evens', odds']`) for queries and
    /// keys alike; the rotation is the same and dot products between them are equal.
    @inline(__always)
    static func rotateInterleaved(
        _ x: UnsafeMutablePointer<Float>, half: Int,
        cos cosines: UnsafePointer<Float>, sin sines: UnsafePointer<Float>
    ) {
        for i in 0..<half {
            let first = x[2 * i]
            let second = x[2 * i + 1]
            x[2 * i] = first * cosines[i] - second * sines[i]
            x[2 * i + 1] = second * cosines[i] + first * sines[i]
        }
    }
}
