import BytePairEncoding
import Foundation
import TransformerRuntime

/// A tiny model folder under `Fixtures/models` and the transformers reference recorded with it
/// by `Fixtures/scripts/make_runtime_fixtures.py`.
struct FixtureReference: Decodable {
    struct Step: Decodable {
        let topIds: [Int]
        let topLogits: [Float]
        let margin: Float
    }

    struct LogitSample: Decodable {
        let ids: [Int]
        let logits: [Float]
    }

    let model: String
    let promptIds: [TokenID]
    let greedyIds: [TokenID]
    let steps: [Step]
    let promptLogitsSample: LogitSample

    /// The names of the random-weight fixture models.
    static let modelNames = [
        "qwen3-tiny", "qwen3-tiny-untied", "gpt-oss-tiny", "qwen3-moe-tiny", "deepseek-v3-tiny-fp8",
    ]

    /// `Fixtures/` at the package root.
    static let fixturesDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures").path
    }()

    static func directory(of name: String) -> String {
        fixturesDirectory + "/models/" + name
    }

    static func load(_ name: String) throws -> FixtureReference {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory(of: name) + "/reference.json"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(FixtureReference.self, from: data)
    }
}

/// The id of the largest logit (the lowest on ties), as greedy decoding picks it.
func argmax(_ logits: [Float]) -> TokenID {
    TokenID(VectorMath.topK(logits, k: 1)[0])
}

/// The largest absolute difference between two equally long vectors.
func maximumDifference(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
}
