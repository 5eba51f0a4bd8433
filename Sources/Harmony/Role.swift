/// The role of a message's author.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    case user
    case assistant
    case system
    case developer
    case tool

    /// The name Rust's `Debug` gives the role, used in some error messages ("User").
    var debugName: String {
        switch self {
        case .user: return "User"
        case .assistant: return "Assistant"
        case .system: return "System"
        case .developer: return "Developer"
        case .tool: return "Tool"
        }
    }
}
