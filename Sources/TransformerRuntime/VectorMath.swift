#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Element-wise and reduction operations on f32 vectors.
public enum VectorMath {
    /// RMSNorm: `y = w ⊙ x / sqrt(mean(x²) + ε)`, in place over `count` values.
    @inline(__always)
    static func rmsNorm(
        _ x: UnsafeMutablePointer<Float>, weight: UnsafePointer<Float>, count: Int, epsilon: Float
    ) {
        var sumOfSquares: Float = 0
        for i in 0..<count { sumOfSquares += x[i] * x[i] }
        let inverse = 1 / (sumOfSquares / Float(count) + epsilon).squareRoot()
        for i in 0..<count { x[i] = weight[i] * (x[i] * inverse) }
    }

    /// RMSNorm of `x` with weight `weight` (both of the same length).
    public static func rmsNorm(_ x: [Float], weight: [Float], epsilon: Float) -> [Float] {
        precondition(x.count == weight.count, "x and weight must have the same length")
        var y = x
        y.withUnsafeMutableBufferPointer { output in
            weight.withUnsafeBufferPointer { w in
                rmsNorm(output.baseAddress!, weight: w.baseAddress!, count: x.count, epsilon: epsilon)
            }
        }
        return y
    }

    /// `y[i] += a · x[i]` over `count` values (4-wide in optimized builds).
    @inline(__always)
    static func addScaled(_ y: UnsafeMutablePointer<Float>, _ a: Float, _ x: UnsafePointer<Float>, count: Int) {
        var i = 0
        if DotProduct.usesVectorKernels {
            let rawX = UnsafeRawPointer(x)
            let rawY = UnsafeMutableRawPointer(y)
            let factor = SIMD4<Float>(repeating: a)
            while i &+ 4 <= count {
                let sum = rawY.loadUnaligned(fromByteOffset: i &* 4, as: SIMD4<Float>.self)
                    + factor * rawX.loadUnaligned(fromByteOffset: i &* 4, as: SIMD4<Float>.self)
                rawY.storeBytes(of: sum, toByteOffset: i &* 4, as: SIMD4<Float>.self)
                i &+= 4
            }
        }
        while i < count {
            y[i] += a * x[i]
            i &+= 1
        }
    }

    /// `x·σ(x)`.
    @inline(__always)
    public static func silu(_ x: Float) -> Float { x / (1 + expf(-x)) }

    /// `1 / (1 + e^-x)`.
    @inline(__always)
    public static func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }

    /// Softmax in place over `count` values; the maximum is subtracted first.
    /// `extraLogit`, when given, joins the maximum and the denominator without an output of its
    /// own (an attention sink), so the outputs then sum to less than 1.
    @inline(__always)
    static func softmax(_ x: UnsafeMutablePointer<Float>, count: Int, extraLogit: Float? = nil) {
        var maximum = extraLogit ?? -Float.infinity
        for i in 0..<count where x[i] > maximum { maximum = x[i] }
        var sum: Float = extraLogit.map { expf($0 - maximum) } ?? 0
        for i in 0..<count {
            let e = expf(x[i] - maximum)
            x[i] = e
            sum += e
        }
        let inverse = 1 / sum
        for i in 0..<count { x[i] *= inverse }
    }

    /// Softmax of `x` (see the pointer form for `extraLogit`).
    public static func softmax(_ x: [Float], extraLogit: Float? = nil) -> [Float] {
        var y = x
        y.withUnsafeMutableBufferPointer { softmax($0.baseAddress!, count: x.count, extraLogit: extraLogit) }
        return y
    }

    /// The indices of the `k` largest values of `count` values, largest first; ties go to the
    /// lower index. NaNs are never selected ahead of numbers.
    /// - Complexity: O(count · k) worst case, O(count) typically.
    static func topK(_ x: UnsafePointer<Float>, count: Int, k: Int) -> [Int] {
        let k = min(k, count)
        guard k > 0 else { return [] }
        // A small sorted buffer: for the k (≤ a few dozen) used by routers and samplers this beats a heap.
        var indices: [Int] = []
        indices.reserveCapacity(k + 1)
        func before(_ a: Int, _ b: Int) -> Bool {
            let (va, vb) = (x[a], x[b])
            if va.isNaN { return false }
            if vb.isNaN { return true }
            return va > vb || (va == vb && a < b)
        }
        for i in 0..<count {
            if indices.count == k, !before(i, indices[k - 1]) { continue }
            var position = indices.count
            while position > 0, before(i, indices[position - 1]) { position -= 1 }
            indices.insert(i, at: position)
            if indices.count > k { indices.removeLast() }
        }
        return indices
    }

    /// The indices of the `k` largest values of `x`, largest first (ties: lower index first).
    /// - Complexity: O(n · k) worst case, O(n) typically.
    public static func topK(_ x: [Float], k: Int) -> [Int] {
        x.withUnsafeBufferPointer { topK($0.baseAddress!, count: x.count, k: k) }
    }
}
