import TokenizerSuiteTestSupport
import ChatTemplates
import Testing

/// One-line templates rendered by transformers' jinja2 environment (Fixtures/chat/engine.jsonl).
@Suite struct EngineFixtureTests {
    @Test func everyConstructRendersAsJinja2Does() throws {
        var mismatches: [String] = []
        var unsupported: [String] = []
        var checked = 0
        for record in try ChatFixtures.lines("engine.jsonl") {
            let source = record["template"]?.stringValue ?? ""
            let context = record["context"]?.dictionaryValue ?? TemplateDictionary()
            let expectedOutput = record["output"]?.stringValue
            let expectedError = ExpectedError(record["error"])
            checked += 1
            do {
                let template = try ChatTemplate(source)
                let output = try template.render(
                    variables: context, options: .init(clock: ChatFixtures.clock)).text
                if output != expectedOutput {
                    mismatches.append("\(source)\n  expected \(expectedOutput.map { "\($0.debugDescription)" } ?? expectedError?.description ?? "?")\n  got      \(output.debugDescription)")
                }
            } catch let error as ChatTemplateError {
                if error.kind == .unsupported {
                    unsupported.append("\(source) -> \(error)")
                } else if let expectedError, expectedError.matches(error) {
                    continue
                } else {
                    mismatches.append("\(source)\n  expected \(expectedOutput.map { "\($0.debugDescription)" } ?? expectedError?.description ?? "?")\n  got      \(error.exceptionName): \(error)")
                }
            }
        }
        TestReport.note("engine fixtures: \(checked) cases, \(mismatches.count) mismatches, \(unsupported.count) unsupported")
        for line in unsupported { TestReport.note("  unsupported: \(line)") }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.joined(separator: "\n"))")
        #expect(unsupported.count <= 40)
    }
}
