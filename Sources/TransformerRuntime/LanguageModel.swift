import BytePairEncoding

/// A decoder-only transformer loaded from a Hugging Face checkpoint folder, computing in f32 on
/// the CPU.
///
/// ```swift
/// let model = try LanguageModel(directory: "path/to/Qwen3-0.6B")
/// var cache = model.makeCache()
/// let logits = try model.forward([9707, 11, 1879], cache: &cache)   // next-token logits
/// ```
/// The model is immutable and `Sendable`; each generation owns its `KeyValueCache`.
public struct LanguageModel: Sendable {
    /// The hyperparameters the model was built from.
    public let configuration: ModelConfiguration
    /// How many threads the kernels use.
    public var parallelism: Parallelism

    let embedding: WeightMatrix
    let layers: [DecoderLayer]
    let finalNorm: [Float]
    let head: WeightMatrix
    let rotary: RotaryEmbedding

    /// Loads `config.json` and the safetensors weights from `directory`.
    /// - Throws: `ModelError` naming an unsupported `model_type`, a missing or invalid
    ///   configuration key, a missing tensor, or a tensor of the wrong shape or type.
    public init(directory: String, parallelism: Parallelism = .allProcessors) throws {
        let configuration = try ModelConfiguration(directory: directory)
        let checkpoint = try SafetensorsCheckpoint(directory: directory)
        try self.init(configuration: configuration, checkpoint: checkpoint, parallelism: parallelism)
    }

    /// Builds the model described by `configuration` from the tensors of `checkpoint`.
    ///
    /// The configuration's dimensions are checked against the tensors first; weights stay in
    /// their checkpoint encoding (memory-mapped where the file allows), so loading copies no
    /// matrix to f32.
    /// - Throws: `ModelError` naming a configuration key that disagrees with the tensors, a
    ///   missing tensor, or one of the wrong shape or type.
    public init(
        configuration: ModelConfiguration, checkpoint: SafetensorsCheckpoint,
        parallelism: Parallelism = .allProcessors
    ) throws {
        let reader = WeightReader(checkpoint: checkpoint, configuration: configuration)
        self.configuration = configuration
        self.parallelism = parallelism
        let c = configuration
        try c.validate(against: checkpoint)
        embedding = try reader.matrix("model.embed_tokens.weight", rows: c.vocabularySize, columns: c.hiddenSize)
        if c.tieWordEmbeddings || !checkpoint.contains("lm_head.weight") {
            head = embedding
        } else {
            head = try reader.matrix("lm_head.weight", rows: c.vocabularySize, columns: c.hiddenSize)
        }
        finalNorm = try reader.vector("model.norm.weight", count: c.hiddenSize)
        layers = try (0..<c.layerCount).map { index in
            switch c.architecture {
            case .qwen3: try reader.qwen3Layer(index)
            case .qwen3Moe: try reader.qwen3MoeLayer(index)
            case .gptOss: try reader.gptOssLayer(index)
            case .deepseekV3: try reader.deepseekV3Layer(index)
            }
        }
        rotary = RotaryEmbedding(dimension: c.rotaryDimension, theta: c.ropeTheta, scaling: c.ropeScaling)
    }

    /// An empty cache for this model.
    public func makeCache() -> KeyValueCache {
        KeyValueCache(configuration: configuration)
    }

    /// Feeds `tokens` after those already in `cache`, stores their keys and values in it, and
    /// returns the logits of the next token (after the last of `tokens`).
    ///
    /// Feeding a prompt at once or one token at a time gives the same logits up to rounding.
    /// - Throws: `ModelError` (`.invalidArgument`) if `tokens` is empty or holds an id outside
    ///   the vocabulary.
    /// - Complexity: O(tokens · parameters + tokens · context · layers · hidden).
    public func forward(_ tokens: [TokenID], cache: inout KeyValueCache) throws -> [Float] {
        guard !tokens.isEmpty else {
            throw ModelError(.invalidArgument, "no tokens to feed")
        }
        if let bad = tokens.first(where: { Int($0) >= configuration.vocabularySize }) {
            throw ModelError(
                .invalidArgument,
                "token id \(bad) is outside the vocabulary (0..<\(configuration.vocabularySize))")
        }
        guard cache.matches(configuration) else {
            throw ModelError(.invalidArgument, "the key-value cache was made by a model of another shape")
        }
        let hidden = configuration.hiddenSize
        let count = tokens.count
        let start = cache.tokenCount
        var x = [Float](repeating: 0, count: count * hidden)
        x.withUnsafeMutableBufferPointer { buffer in
            for (t, token) in tokens.enumerated() {
                embedding.copyRow(Int(token), into: buffer.baseAddress! + t * hidden)
            }
        }
        let rope = RopeTable(rotary, start: start, count: count)
        for (index, layer) in layers.enumerated() {
            layer(&x, count: count, startPosition: start, rope: rope, cache: &cache.layers[index], parallelism: parallelism)
            cache.layers[index].trim(nextPosition: start + count)
        }
        cache.tokenCount = start + count
        let last = Array(x[(count - 1) * hidden ..< count * hidden])
        let normalized = VectorMath.rmsNorm(last, weight: finalNorm, epsilon: configuration.rmsNormEpsilon)
        return head.multiply(normalized, parallelism: parallelism)
    }

    /// The next-token logits after `tokens`, computed from scratch.
    /// - Throws: as `forward(_:cache:)`.
    public func logits(for tokens: [TokenID]) throws -> [Float] {
        var cache = makeCache()
        return try forward(tokens, cache: &cache)
    }

    /// RMSNorm of every row of `x` (rows of `weight.count` values).
    static func rmsNormRows(_ x: [Float], weight: [Float], epsilon: Float) -> [Float] {
        var y = x
        let width = weight.count
        y.withUnsafeMutableBufferPointer { buffer in
            weight.withUnsafeBufferPointer { w in
                for row in 0..<(x.count / width) {
                    VectorMath.rmsNorm(buffer.baseAddress! + row * width, weight: w.baseAddress!, count: width, epsilon: epsilon)
                }
            }
        }
        return y
    }
}

extension LanguageModel {
    /// Bytes of weights one decoding step reads: every layer's matrices (for mixtures of experts,
    /// only the router, the `expertsPerToken` experts a token uses and the shared experts) plus
    /// the output head.
    public var weightBytesPerToken: Int {
        layers.reduce(head.byteCount) { $0 + $1.attention.byteCount + $1.feedForward.bytesPerToken }
    }
}
