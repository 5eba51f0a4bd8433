// Renders and tokenizes every fixture conversation with a bundled template, many times, and
// prints the mean time per conversation (the first render of each is not timed).
//
//     swift run -c release ChatTemplateSpeed [qwen3|deepseek_v3] [repeats] [sanitize|plain]
import ChatTemplates
import Foundation
import TokenizerSuite

let arguments = CommandLine.arguments
let name = arguments.count > 1 ? arguments[1] : "qwen3"
let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 200 : 200
let sanitize = arguments.count > 3 ? arguments[3] != "plain" : true
let renderOnly = arguments.count > 4 && arguments[4] == "render"
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

do {
    let fixtures = try TemplateValue(jsonBytes: Data(contentsOf: root.appendingPathComponent("Fixtures/chat/conversations.json")))
    let tokenizer = try HuggingFaceTokenizer.bundled(name)
    let template = try ChatTemplate(ProcessInfo.processInfo.environment["CHAT_SPEED_TEMPLATE"] ?? ChatTemplateCatalog.bundled(name).source())
    let chat = try ChatTokenizer(template: template, tokenizer: tokenizer)
    var inputs: [ChatInput] = []
    for entry in fixtures["conversations"]?.dictionaryValue?.entries ?? [] {
        let input = ChatInput(messages: entry.value.listValue ?? [], addGenerationPrompt: true)
        if (try? chat.encode(input, sanitizeControlTokens: sanitize)) != nil { inputs.append(input) }
    }
    var tokens = 0
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<repeats {
        for input in inputs {
            if renderOnly {
                tokens += try chat.format.render(input, sanitizeControlTokens: sanitize).text.utf8.count
            } else {
                tokens += try chat.encode(input, sanitizeControlTokens: sanitize).ids.count
            }
        }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let perConversation = seconds / Double(repeats * inputs.count) * 1e6
    print("{\"template\": \"\(name)\", \"conversations\": \(inputs.count), \"repeats\": \(repeats), \"sanitize\": \(sanitize), \"microseconds_per_conversation\": \(perConversation), \"tokens\": \(tokens / repeats)}")
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
