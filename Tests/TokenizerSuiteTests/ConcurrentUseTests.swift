import Foundation
import TokenizerSuite
import TokenizerSuiteTestSupport
import Testing

/// One loaded tokenizer used from many threads at once (what batch APIs, the corpus pipeline and
/// servers do): the ids equal one thread's. Run under ThreadSanitizer by Scripts/sanitize.sh.
@Suite struct ConcurrentUseTests {
    static func texts() throws -> [String] {
        let lines = try String(contentsOf: FixturePaths.url("corpus/docs.jsonl"), encoding: .utf8).split(separator: "\n")
        return try lines.map { line in
            let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["text"] as? String)
        }
    }

    @Test(arguments: ["o200k_harmony", "cl100k_base", "qwen3", "deepseek_v3"])
    func concurrentEncodesOfASharedTokenizerEqualSerialOnes(name: String) async throws {
        let tokenizer = try TokenizerRegistry.load(named: name)
        let texts = try Self.texts()
        var ordinary = tokenizer.defaultPolicy
        ordinary.disallowed = .none  // the documents spell special tokens: encode them as text
        let policy = ordinary
        let serial = try texts.map { try tokenizer.encode($0, policy: policy) }
        let concurrent = try await withThrowingTaskGroup(of: (Int, [TokenID]).self) { group in
            for (index, text) in texts.enumerated() {
                group.addTask { (index, try tokenizer.encode(text, policy: policy)) }
            }
            var results = [[TokenID]](repeating: [], count: texts.count)
            for try await (index, ids) in group { results[index] = ids }
            return results
        }
        #expect(concurrent == serial)
        #expect(try tokenizer.encodeBatch(texts, policy: policy) == serial)
        let long = String(repeating: texts.joined(separator: "\n"), count: 4)
        #expect(try tokenizer.encode(long, policy: policy, threads: 4) == tokenizer.encode(long, policy: policy))
        #expect(try tokenizer.countTokens(long, policy: policy, threads: 4) == tokenizer.countTokens(long, policy: policy))
    }

    @Test func concurrentLoadsOfOneSourceShareOneTokenizer() async throws {
        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try TokenizerRegistry.load(named: "cl100k_base").name } }
            var names: [String] = []
            for try await name in group { names.append(name) }
            return names
        }
        #expect(names == Array(repeating: "cl100k_base", count: 8))
    }
}
