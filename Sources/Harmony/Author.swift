/// Who wrote a message: a role and, optionally, a name (`user:alice`, or a tool's name such as
/// `functions.get_weather`).
public struct Author: Sendable, Hashable {
    /// The role.
    public var role: Role
    /// The name; tool messages need one.
    public var name: String?

    /// An author with `role` and an optional `name`.
    public init(role: Role, name: String? = nil) {
        self.role = role
        self.name = name
    }
}
