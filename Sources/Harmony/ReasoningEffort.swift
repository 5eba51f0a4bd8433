/// How much the model should reason; JSON `"Low"`, `"Medium"`, `"High"`, rendered lowercase.
public enum ReasoningEffort: String, Sendable, Hashable, CaseIterable, Codable {
    case low = "Low"
    case medium = "Medium"
    case high = "High"
}
