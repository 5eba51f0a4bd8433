import BytePairEncoding
import Foundation
import OrderedJSON
import TokenizerSuiteTestSupport
@testable import Harmony

/// Reads the golden files written by Fixtures/scripts/generate_harmony_fixtures.py.
enum Fixture {
    static let folder = FixturePaths.url("harmony")

    /// The committed folder, plus `HARMONY_EXTRA_FIXTURES` when set (a larger generated set).
    static let generatedFolders: [URL] = {
        var folders = [folder]
        if let extra = ProcessInfo.processInfo.environment["HARMONY_EXTRA_FIXTURES"], !extra.isEmpty {
            folders.append(URL(fileURLWithPath: extra, isDirectory: true))
        }
        return folders
    }()

    static func load(_ name: String, in folder: URL = folder) throws -> JSONValue {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try JSONValue(parsing: data)
    }

    static func records(_ name: String, in folder: URL = folder) throws -> [JSONValue] {
        try load(name, in: folder).arrayValue ?? []
    }

    static let encoding: HarmonyEncoding = {
        do {
            return try HarmonyEncoding.gptOss()
        } catch {
            preconditionFailure("the bundled o200k_harmony vocabulary must load in tests: \(error)")
        }
    }()
}

/// An expected outcome: token ids, a JSON text, or an error message.
enum Expected: Equatable, CustomStringConvertible {
    case ids([TokenID])
    case text(String)
    case error(String)

    init(_ value: JSONValue?) {
        switch value {
        case let .array(elements)?:
            self = .ids(elements.compactMap { element -> TokenID? in
                if case let .number(number) = element { return TokenID(exactly: number.doubleValue) }
                return nil
            })
        case let .string(text)?:
            self = .text(text)
        case let .object(object)?:
            self = .error(object["error"]?.stringValue ?? "?")
        default:
            self = .error("missing expectation")
        }
    }

    /// The outcome of `body`: its ids, or its error's message.
    static func of(_ body: () throws -> [TokenID]) -> Expected {
        do {
            return .ids(try body())
        } catch let error as HarmonyError {
            return .error(error.message)
        } catch {
            return .error("\(error)")
        }
    }

    /// The outcome of `body`: its text, or its error's message.
    static func ofText(_ body: () throws -> String) -> Expected {
        do {
            return .text(try body())
        } catch let error as HarmonyError {
            return .error(error.message)
        } catch {
            return .error("\(error)")
        }
    }

    var description: String {
        switch self {
        case let .ids(ids): return "ids(\(ids.count)): \(ids.prefix(40))"
        case let .text(text): return "text: \(text)"
        case let .error(message): return "error: \(message)"
        }
    }
}

extension JSONValue {
    var tokenIDs: [TokenID] {
        (arrayValue ?? []).compactMap { element in
            if case let .number(number) = element { return TokenID(exactly: number.doubleValue) }
            return nil
        }
    }
}
