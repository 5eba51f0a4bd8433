// Measures TransformerRuntime: decode speed through the KV cache, prefill speed, and this
// machine's memory read bandwidth. Prints one JSON line per measurement.
//
//   RuntimeDecode bandwidth [--threads N] [--megabytes M]
//   RuntimeDecode MODEL_DIR [--threads N] [--prompt-length P] [--tokens T] [--prefill-length L]
import Dispatch
import Foundation
import TransformerRuntime

let arguments = Array(CommandLine.arguments.dropFirst())
guard let first = arguments.first else {
    FileHandle.standardError.write(Data("""
        usage: RuntimeDecode bandwidth [--threads N] [--megabytes M]
               RuntimeDecode MODEL_DIR [--threads N] [--prompt-length P] [--tokens T] [--prefill-length L]

        """.utf8))
    exit(2)
}

/// The integer after `name` in `arguments`, or `fallback`.
func option(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else {
        return fallback
    }
    return value
}

let clock = ContinuousClock()

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = clock.now
    try body()
    let elapsed = clock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

/// CPU seconds this process has used so far, all threads together.
func processorSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Wall-clock seconds of `body` and the CPU seconds it used: on a shared machine their ratio
/// shows how many cores the measurement actually got.
func timed(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    let cpuStart = processorSeconds()
    let wall = try seconds(body)
    return (wall, processorSeconds() - cpuStart)
}

let threads = option("--threads", ProcessInfo.processInfo.activeProcessorCount)

/// Memory the workers of one pass share: they read `base` and each writes its own `sums` slot.
struct Shared: @unchecked Sendable {
    let base: UnsafeRawPointer
    let sums: UnsafeMutablePointer<Float>
}

/// Best of five passes summing a buffer far larger than the caches, split over `threads`.
func measureBandwidth(megabytes: Int) -> Double {
    let count = megabytes << 18  // floats
    let buffer = UnsafeMutablePointer<Float>.allocate(capacity: count)
    defer { buffer.deallocate() }
    for i in 0..<count { buffer[i] = Float(i & 1023) }
    let base = UnsafeRawPointer(buffer)
    let chunk = (count / threads) & ~15
    var best = Double.infinity
    var checksum: Float = 0
    for _ in 0..<5 {
        let sums = UnsafeMutablePointer<Float>.allocate(capacity: threads)
        defer { sums.deallocate() }
        let shared = Shared(base: base, sums: sums)
        let time = seconds {
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                let base = shared.base
                var a = SIMD4<Float>(), b = SIMD4<Float>(), c = SIMD4<Float>(), d = SIMD4<Float>()
                var offset = worker * chunk * 4
                let end = offset + chunk * 4
                while offset < end {
                    a += base.loadUnaligned(fromByteOffset: offset, as: SIMD4<Float>.self)
                    b += base.loadUnaligned(fromByteOffset: offset + 16, as: SIMD4<Float>.self)
                    c += base.loadUnaligned(fromByteOffset: offset + 32, as: SIMD4<Float>.self)
                    d += base.loadUnaligned(fromByteOffset: offset + 48, as: SIMD4<Float>.self)
                    offset += 64
                }
                shared.sums[worker] = ((a + b) + (c + d)).sum()
            }
        }
        checksum += (0..<threads).reduce(0) { $0 + sums[$1] }
        best = min(best, time)
    }
    precondition(checksum.isFinite)
    return Double(chunk * threads * 4) / best / 1e9
}

/// Best of five copies of a buffer far larger than the caches into another, split over
/// `threads`: bytes read plus bytes written per second, as STREAM's copy counts them.
func measureCopyBandwidth(megabytes: Int) -> Double {
    let count = megabytes << 20
    let source = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 64)
    let target = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 64)
    defer {
        source.deallocate()
        target.deallocate()
    }
    memset(source, 1, count)
    memset(target, 0, count)
    let chunk = (count / threads) & ~63
    let shared = Shared(base: UnsafeRawPointer(source), sums: target.assumingMemoryBound(to: Float.self))
    var best = Double.infinity
    for _ in 0..<5 {
        let time = seconds {
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                memcpy(UnsafeMutableRawPointer(shared.sums) + worker * chunk, shared.base + worker * chunk, chunk)
            }
        }
        best = min(best, time)
    }
    return Double(2 * chunk * threads) / best / 1e9
}

do {
    if first == "bandwidth" {
        let megabytes = option("--megabytes", 2048)
        let read = measureBandwidth(megabytes: megabytes)
        let copy = measureCopyBandwidth(megabytes: megabytes / 2)
        print(#"{"measurement": "bandwidth", "threads": \#(threads), "megabytes": \#(megabytes), "read_gb_per_second": \#(read), "copy_gb_per_second": \#(copy)}"#)
        exit(0)
    }
    let promptLength = option("--prompt-length", 16)
    let tokens = option("--tokens", 32)
    let prefillLength = option("--prefill-length", 0)
    var model: LanguageModel!
    let loadSeconds = try seconds {
        model = try LanguageModel(directory: first, parallelism: Parallelism(threadCount: threads))
    }
    let vocabulary = model.configuration.vocabularySize
    func prompt(_ length: Int) -> [UInt32] { (0..<length).map { UInt32(($0 * 7919 + 13) % vocabulary) } }

    var cache = model.makeCache()
    var logits = try model.forward(prompt(promptLength), cache: &cache)
    // One untimed step warms caches and page-faults the mapping in.
    var token = UInt32(VectorMath.topK(logits, k: 1)[0])
    logits = try model.forward([token], cache: &cache)
    let (decodeSeconds, decodeCPU) = try timed {
        for _ in 0..<tokens {
            token = UInt32(VectorMath.topK(logits, k: 1)[0])
            logits = try model.forward([token], cache: &cache)
        }
    }
    let bytes = model.weightBytesPerToken
    let perSecond = Double(tokens) / decodeSeconds
    var prefill = ""
    if prefillLength > 0 {
        var fresh = model.makeCache()
        let (prefillSeconds, prefillCPU) = try timed { _ = try model.forward(prompt(prefillLength), cache: &fresh) }
        prefill = #", "prefill_length": \#(prefillLength), "prefill_seconds": \#(prefillSeconds), "prefill_cpu_seconds": \#(prefillCPU), "prefill_tokens_per_second": \#(Double(prefillLength) / prefillSeconds)"#
    }
    print("""
        {"measurement": "decode", "threads": \(threads), "tokens_per_second": \(perSecond), \
        "weight_bytes_per_token": \(bytes), "weight_gb_per_second": \(perSecond * Double(bytes) / 1e9), \
        "cache_bytes_per_token": \(model.configuration.keyValueCacheBytesPerToken), \
        "expanded_cache_bytes_per_token": \(model.configuration.expandedKeyValueBytesPerToken), \
        "decode_seconds": \(decodeSeconds), "decode_cpu_seconds": \(decodeCPU), "load_seconds": \(loadSeconds), "prompt_length": \(promptLength), "tokens": \(tokens)\(prefill)}
        """)
} catch {
    FileHandle.standardError.write(Data("RuntimeDecode: \(error)\n".utf8))
    exit(1)
}
