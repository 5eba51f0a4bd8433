import ChatTemplates
import Foundation
import Testing

/// Limits, error locations, reuse across threads, and template loading.
@Suite struct EngineBehaviorTests {
    func render(_ source: String, _ variables: TemplateDictionary = TemplateDictionary(), limits: RenderLimits = .standard) throws -> String {
        try ChatTemplate(source).render(variables: variables, options: .init(limits: limits)).text
    }

    func failure(_ source: String, limits: RenderLimits = .standard) -> ChatTemplateError? {
        do {
            _ = try render(source, limits: limits)
            return nil
        } catch let error as ChatTemplateError {
            return error
        } catch {
            return nil
        }
    }

    @Test func unsupportedConstructsAreNamedWithTheirPlace() throws {
        let error = try #require(failure("line one\n{{ 'x' | xmlattr }}"))
        #expect(error.kind == .unsupported)
        #expect(error.description == "unsupported filter 'xmlattr' at line 2, column 10")
        let tag = try #require(failure("{% include 'other.jinja' %}"))
        #expect(tag.kind == .unsupported)
        #expect(tag.message == "unsupported tag 'include'")
    }

    @Test func jinjaErrorsKeepTheirWording() throws {
        let undefined = try #require(failure("{{ messages[0].content.strip() }}"))
        #expect(undefined.exceptionName == "UndefinedError")
        #expect(undefined.message == "'messages' is undefined")
        let raised = try #require(failure("\n\n  {{ raise_exception('Only user and assistant roles are supported!') }}"))
        #expect(raised.kind == .raised)
        #expect(raised.message == "Only user and assistant roles are supported!")
        #expect(raised.line == 3)
        let syntax = try #require(failure("{% for x in y %}"))
        #expect(syntax.kind == .syntax)
        #expect(syntax.exceptionName == "TemplateSyntaxError")
        let unknown = try #require(failure("{{ x | nope }}"))
        #expect(unknown.exceptionName == "TemplateAssertionError")
        #expect(unknown.message == "No filter named 'nope'.")
    }

    @Test func limitsStopRunawayTemplates() throws {
        var small = RenderLimits.standard
        small.maximumSteps = 10_000
        let loop = try #require(failure("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", limits: small))
        #expect(loop.kind == .limitExceeded)
        #expect(loop.message.contains("maximumSteps"))
        let recursion = try #require(failure("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"))
        #expect(recursion.kind == .limitExceeded)
        #expect(recursion.message.contains("maximumCallDepth"))
        let doubling = try #require(failure(
            "{% set ns = namespace(s='ab') %}{% for i in range(80) %}{% set ns.s = ns.s + ns.s %}{% endfor %}"))
        #expect(doubling.kind == .limitExceeded)
        var tight = RenderLimits.standard
        tight.maximumOutputBytes = 1000
        let output = try #require(failure("{% for i in range(1000) %}0123456789{% endfor %}", limits: tight))
        #expect(output.kind == .limitExceeded)
        #expect(output.message.contains("maximumOutputBytes"))
        let nesting = try #require(failure("{{ " + String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500) + " }}"))
        #expect(nesting.kind == .limitExceeded)
        var deep: TemplateValue = 1
        for _ in 0..<300 { deep = [deep] }
        #expect(throws: ChatTemplateError.self) { try render("{{ x }}", ["x": deep]) }
    }

    @Test func compiledTemplatesAreSharedAcrossThreads() async throws {
        let template = try ChatTemplate("{% for m in messages %}{{ m.role }}:{{ m.content }};{% endfor %}")
        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<16 {
                group.addTask {
                    let messages: TemplateValue = [["role": "user", "content": .string("n\(index)")]]
                    return try template.render(variables: ["messages": messages]).text
                }
            }
            var all: [String] = []
            for try await output in group { all.append(output) }
            return all.sorted()
        }
        #expect(outputs == (0..<16).map { "user:n\($0);" }.sorted())
    }

    @Test func strftimeNowReadsTheClock() throws {
        let instant = TemplateClock.Instant(year: 2024, month: 2, day: 29, hour: 7, minute: 5, second: 9, microsecond: 42)
        let text = try ChatTemplate("{{ strftime_now('%Y-%m-%d %a %b %j %H:%M:%S.%f') }}")
            .render(variables: TemplateDictionary(), options: .init(clock: .fixed(instant))).text
        #expect(text == "2024-02-29 Thu Feb 060 07:05:09.000042")
    }

    @Test func templatesLoadFromAModelFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chat-catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = #"{"chat_template": [{"name": "default", "template": "D"}, {"name": "tool_use", "template": "T"}]}"#
        try config.write(to: folder.appendingPathComponent("tokenizer_config.json"), atomically: true, encoding: .utf8)
        let named = try ChatTemplateCatalog(folder: folder.path)
        #expect(try named.source() == "D")
        #expect(try named.source(hasTools: true) == "T")
        #expect(try named.source(named: "tool_use") == "T")
        try "J".write(to: folder.appendingPathComponent("chat_template.jinja"), atomically: true, encoding: .utf8)
        let file = try ChatTemplateCatalog(folder: folder.path)
        #expect(file.isSingle)
        #expect(try file.source(hasTools: true) == "J")
        #expect(file.chatControlTokens == nil)
        let listed = #"{"chat_template": "C", "chat_control_tokens": ["<think>"]}"#
        try listed.write(to: folder.appendingPathComponent("tokenizer_config.json"), atomically: true, encoding: .utf8)
        #expect(try ChatTemplateCatalog(folder: folder.path).chatControlTokens == ["<think>"])
        #expect(try ChatTemplateCatalog(tokenizerConfig: TemplateValue(json: listed)).chatControlTokens == ["<think>"])
        #expect(throws: ChatTemplateError.self) { try ChatTemplateCatalog(tokenizerConfig: TemplateValue(json: #"{"chat_control_tokens": "<think>"}"#)) }
        let bundled = try ChatTemplateCatalog.bundled("qwen3")
        #expect(try bundled.source().contains("<|im_start|>"))
        #expect(try ChatTemplateCatalog.bundled("deepseek_v3").source().contains("<｜Assistant｜>"))
    }

    @Test func chatInputReadsAnOpenAIRequest() throws {
        let request = try TemplateValue(json: #"""
            {"model": "m", "messages": [{"role": "user", "content": "hi", "name": null}],
             "tools": [{"type": "function", "function": {"name": "f"}}], "add_generation_prompt": true,
             "chat_template_kwargs": {"enable_thinking": false}}
            """#)
        let input = try ChatInput(request: request)
        #expect(input.addGenerationPrompt)
        #expect(input.variables["enable_thinking"] == .bool(false))
        let format = ChatFormat(template: try ChatTemplate("{{ messages[0] }}|{{ enable_thinking }}"), specialTokens: [:], controlTokens: [])
        #expect(try format.render(input).text == "{'role': 'user', 'content': 'hi'}|False")
    }
}
