import BytePairEncoding
import Testing
@testable import Harmony

/// The Swift builders and built-in namespaces equal what openai-harmony produces.
struct BuilderTests {
    let encoding = Fixture.encoding

    func fixtureConversation(_ name: String) throws -> Conversation {
        let record = try Fixture.records("render.json").first { $0["name"]?.stringValue == name }
        return try Conversation(jsonString: record?["conversation"]?.stringValue ?? "")
    }

    @Test func builtInToolsMatchTheReference() throws {
        let expected = try fixtureConversation("system_browser_python_date")
        let system = SystemContent().withBrowserTool().withPythonTool().withConversationStartDate("2025-06-28")
        let built = Conversation(messages: [
            Message(role: .system, content: .systemContent(system)),
            Message(role: .user, text: "What's the weather in Tokyo?"),
        ])
        #expect(built == expected)
        #expect(try encoding.renderConversationForCompletion(built, nextRole: .assistant)
            == encoding.renderConversationForCompletion(expected, nextRole: .assistant))
    }

    @Test func defaultsMatchTheReference() throws {
        let expected = try fixtureConversation("system_with_functions_in_developer")
        let weather = ToolDescription(name: "get_weather", description: "Gets the weather.", parameters: [
            "type": "object", "properties": ["location": ["type": "string"]], "required": ["location"],
        ])
        let developer = DeveloperContent().withInstructions("Be kind.")
        let built = Conversation(messages: [
            Message(role: .system, content: .systemContent(SystemContent())),
            Message(role: .developer, content: .developerContent(developer.withFunctionTools([weather]))),
            Message(role: .user, text: "What's the weather in Tokyo?"),
        ])
        // The fixture declares four function tools; compare the shared frame and the first tool.
        #expect(built.messages[0] == expected.messages[0])
        #expect(built.messages[2] == expected.messages[2])
        guard case let .developerContent(reference) = expected.messages[1].content.first else {
            Issue.record("fixture shape changed")
            return
        }
        #expect(reference.instructions == developer.instructions)
        #expect(reference.tools?["functions"]?.tools.first == weather)
    }

    @Test func canonicalToolCallRendersAsDocumented() throws {
        let call = Message(role: .assistant, text: #"{"location": "San Francisco"}"#)
            .withRecipient("functions.lookup_weather").withChannel("commentary").withContentType("<|constrain|>json")
        let text = try encoding.decode(encoding.render(call))
        #expect(text == #"<|start|>assistant to=functions.lookup_weather<|channel|>commentary <|constrain|>json<|message|>{"location": "San Francisco"}<|call|>"#)
        let result = Message(author: Author(role: .tool, name: "functions.lookup_weather"), recipient: "assistant",
                             content: [.text("sunny")], channel: "commentary")
        #expect(try encoding.decode(encoding.render(result))
            == "<|start|>functions.lookup_weather to=assistant<|channel|>commentary<|message|>sunny<|end|>")
    }
}
