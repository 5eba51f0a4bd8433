// Measures decode speed: feeds a prompt, then times single-token steps through the KV cache.
// usage: RuntimeDecode MODEL_DIR [--threads N] [--prompt-length P] [--tokens T]
// Prints one JSON line: tokens per second and the weight bytes streamed per token.
import Foundation
import TransformerRuntime

let arguments = Array(CommandLine.arguments.dropFirst())
guard let directory = arguments.first else {
    FileHandle.standardError.write(Data("usage: RuntimeDecode MODEL_DIR [--threads N] [--prompt-length P] [--tokens T]\n".utf8))
    exit(2)
}
/// The integer after `name` in `arguments`, or `fallback`.
func option(_ name: String, _ fallback: Int, in arguments: [String]) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else {
        return fallback
    }
    return value
}
let threads = option("--threads", ProcessInfo.processInfo.activeProcessorCount, in: arguments)
let promptLength = option("--prompt-length", 16, in: arguments)
let tokens = option("--tokens", 32, in: arguments)

do {
    let model = try LanguageModel(directory: directory, parallelism: Parallelism(threadCount: threads))
    let prompt = (0..<promptLength).map { ($0 * 7919 + 13) % model.configuration.vocabularySize }
    var cache = model.makeCache()
    let clock = ContinuousClock()
    let prefillStart = clock.now
    var logits = try model.forward(prompt, cache: &cache)
    let prefill = clock.now - prefillStart
    // One untimed step warms caches and page-faults the mapping in.
    var token = VectorMath.topK(logits, k: 1)[0]
    logits = try model.forward([token], cache: &cache)
    let start = clock.now
    for _ in 0..<tokens {
        token = VectorMath.topK(logits, k: 1)[0]
        logits = try model.forward([token], cache: &cache)
    }
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    let prefillSeconds = Double(prefill.components.seconds) + Double(prefill.components.attoseconds) * 1e-18
    let bytes = model.weightBytesPerToken
    let perSecond = Double(tokens) / seconds
    print("""
        {"implementation": "swift", "threads": \(threads), "tokens_per_second": \(perSecond), \
        "weight_bytes_per_token": \(bytes), "weight_gb_per_second": \(perSecond * Double(bytes) / 1e9), \
        "prefill_seconds": \(prefillSeconds), "prompt_length": \(promptLength), "tokens": \(tokens)}
        """)
} catch {
    FileHandle.standardError.write(Data("RuntimeDecode: \(error)\n".utf8))
    exit(1)
}
