import BytePairEncoding
import Foundation
import TokenizerSuite
import TokenizerSuiteTestSupport

/// Reads the golden fixtures in the package's `Fixtures/` folder (generated from the pinned
/// references by `Fixtures/scripts/`).
enum Fixtures {
    static let root = FixturePaths.root

    /// The rows of a JSON Lines fixture file.
    static func rows(_ relativePath: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: root.appendingPathComponent(relativePath))
        return try data.split(separator: 0x0A).map { line in
            guard let row = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw FixtureError("\(relativePath): a line is not a JSON object")
            }
            return row
        }
    }

    /// The bundled encodings, loaded once.
    static func encoding(_ name: String) throws -> TiktokenEncoding {
        try TiktokenEncoding.bundled(name)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Dictionary where Key == String, Value == Any {
    func string(_ key: String) throws -> String {
        guard let value = self[key] as? String else { throw FixtureError("missing string \(key)") }
        return value
    }

    func ids(_ key: String) throws -> [TokenID] {
        guard let value = self[key] as? [NSNumber] else { throw FixtureError("missing ids \(key)") }
        return value.map { $0.uint32Value }
    }

    func object(_ key: String) throws -> [String: Any] {
        guard let value = self[key] as? [String: Any] else { throw FixtureError("missing object \(key)") }
        return value
    }
}
