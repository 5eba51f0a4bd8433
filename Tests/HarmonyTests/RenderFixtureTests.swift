import BytePairEncoding
import Foundation
import Testing
@testable import Harmony

/// Renders of named conversations compared with openai-harmony's.
struct RenderFixtureTests {
    let encoding = Fixture.encoding

    /// Every render of one conversation fixture, as (label, reference, ours).
    func outcomes(_ record: JSONValue) -> [(String, Expected, Expected)] {
        let text = record["conversation"]?.stringValue ?? ""
        let conversation = Result { try Conversation(jsonString: text) }
        func run(_ body: (Conversation) throws -> [TokenID]) -> Expected {
            Expected.of { try body(conversation.get()) }
        }
        var out: [(String, Expected, Expected)] = []
        for (role, expected) in record["completion"]?.objectValue?.entries ?? [] {
            guard let nextRole = Role(rawValue: role) else { continue }
            out.append(("completion/\(role)", Expected(expected), run {
                try encoding.renderConversationForCompletion($0, nextRole: nextRole)
            }))
        }
        let firstRole = record["completion"]?.objectValue?.keys.first.flatMap(Role.init(rawValue:)) ?? .assistant
        let keep = RenderConversationConfig(autoDropAnalysis: false)
        out.append(("completion_keep_analysis", Expected(record["completion_keep_analysis"]), run {
            try encoding.renderConversationForCompletion($0, nextRole: firstRole, config: keep)
        }))
        out.append(("completion_no_config", Expected(record["completion_no_config"]), run {
            try encoding.renderConversationForCompletion($0, nextRole: firstRole, config: nil)
        }))
        out.append(("conversation_render", Expected(record["conversation_render"]), run {
            try encoding.renderConversation($0)
        }))
        out.append(("conversation_keep_analysis", Expected(record["conversation_keep_analysis"]), run {
            try encoding.renderConversation($0, config: keep)
        }))
        out.append(("training", Expected(record["training"]), run {
            try encoding.renderConversationForTraining($0)
        }))
        out.append(("training_keep_analysis", Expected(record["training_keep_analysis"]), run {
            try encoding.renderConversationForTraining($0, config: keep)
        }))
        return out
    }

    @Test func namedConversationsRenderExactly() throws {
        let records = try Fixture.records("render.json")
        #expect(records.count >= 85)
        var compared = 0
        for record in records {
            let name = record["name"]?.stringValue ?? "?"
            for (label, expected, actual) in outcomes(record) {
                #expect(actual == expected, "\(name) \(label)")
                compared += 1
            }
        }
        #expect(compared >= 600)
    }

    @Test func renderedTextMatches() throws {
        for record in try Fixture.records("render.json") {
            guard case let .text(expected) = Expected(record["text"]),
                  let role = record["completion"]?.objectValue?.keys.first.flatMap(Role.init(rawValue:))
            else { continue }
            let conversation = try Conversation(jsonString: record["conversation"]?.stringValue ?? "")
            let ids = try encoding.renderConversationForCompletion(conversation, nextRole: role)
            #expect(try encoding.decode(ids) == expected, "\(record["name"]?.stringValue ?? "?")")
        }
    }

    @Test func singleMessagesRenderExactly() throws {
        let records = try Fixture.records("messages.json")
        #expect(records.count >= 200)
        for record in records {
            let name = record["name"]?.stringValue ?? "?"
            let message = Result { try Message(jsonString: record["message"]?.stringValue ?? "") }
            let plain = Expected.of { try encoding.render(message.get()) }
            let withTools = Expected.of {
                try encoding.render(message.get(), options: RenderOptions(conversationHasFunctionTools: true))
            }
            #expect(plain == Expected(record["plain"]), "\(name)")
            #expect(withTools == Expected(record["with_function_tools"]), "\(name)")
        }
    }

    @Test(arguments: Fixture.generatedFolders)
    func generatedConversationsRenderExactly(folder: URL) throws {
        let records = try Fixture.records("generated_conversations.json", in: folder)
        #expect(records.count >= 200)
        var mismatches: [String] = []
        for (index, record) in records.enumerated() {
            let conversation = Result { try Conversation(jsonString: record["conversation"]?.stringValue ?? "") }
            let role = record["next_role"]?.stringValue.flatMap(Role.init(rawValue:)) ?? .assistant
            let pairs: [(Expected, Expected)] = [
                (Expected(record["completion"]), Expected.of { try encoding.renderConversationForCompletion(conversation.get(), nextRole: role) }),
                (Expected(record["completion_keep_analysis"]), Expected.of {
                    try encoding.renderConversationForCompletion(
                        conversation.get(), nextRole: role, config: RenderConversationConfig(autoDropAnalysis: false))
                }),
                (Expected(record["training"]), Expected.of { try encoding.renderConversationForTraining(conversation.get()) }),
            ]
            for (expected, actual) in pairs where expected != actual {
                mismatches.append("#\(index): expected \(expected), got \(actual)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(records.count * 3) differ: \(mismatches.prefix(5))")
    }
}
