/// Where a streaming assistant-output parser is in the message.
public enum OutputPhase: String, Sendable, Hashable {
    /// In the answer (also before anything was read).
    case content
    /// Inside a reasoning block.
    case reasoning
    /// Inside a tool call (or DeepSeek's tool-calls section).
    case toolCall = "tool_call"
    /// After the end-of-turn token, or after `finish()`.
    case done
}
