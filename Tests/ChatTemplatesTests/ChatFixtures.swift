import ChatTemplates
import Foundation
import TokenizerSuiteTestSupport

/// Reads the golden files written by Fixtures/scripts/generate_chat_fixtures.py.
enum ChatFixtures {
    static let folder = FixturePaths.url("chat")

    /// The instant the script pins `strftime_now` to.
    static let clock = TemplateClock.fixed(
        .init(year: 2025, month: 3, day: 14, hour: 15, minute: 9, second: 26, microsecond: 535_897))

    static func lines(_ name: String) throws -> [TemplateValue] {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try data.split(separator: UInt8(ascii: "\n")).map { try TemplateValue(jsonBytes: $0) }
    }

    static func document(_ name: String) throws -> TemplateValue {
        try TemplateValue(jsonBytes: Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func templateSource(_ name: String) throws -> String {
        if name == "qwen3" || name == "deepseek_v3" {
            let config = try TemplateValue(
                jsonBytes: Data(contentsOf: FixturePaths.packageRoot
                    .appendingPathComponent("Vocab/HuggingFace/huggingface/\(name)/tokenizer_config.json")))
            return config["chat_template"]?.stringValue ?? ""
        }
        return try String(contentsOf: folder.appendingPathComponent("templates/\(name).jinja"), encoding: .utf8)
    }
}

/// An expected Python error.
struct ExpectedError: Equatable, CustomStringConvertible {
    let type: String
    let message: String

    init?(_ value: TemplateValue?) {
        guard let value, let type = value["type"]?.stringValue else { return nil }
        self.type = type
        message = value["message"]?.stringValue ?? ""
    }

    /// Whether the messages must match too (where transformers surfaces jinja2's wording).
    var messageChecked: Bool {
        ["UndefinedError", "TemplateError", "SecurityError", "TypeError", "ValueError", "ZeroDivisionError", "OverflowError",
         "TemplateAssertionError", "TemplateRuntimeError"].contains(type)
    }

    func matches(_ error: ChatTemplateError) -> Bool {
        guard error.exceptionName == type else { return false }
        return !messageChecked || error.message == message
    }

    var description: String { "\(type): \(message)" }
}
