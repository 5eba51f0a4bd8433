/// The channels the model may use and whether every message must name one.
public struct ChannelConfig: Sendable, Hashable {
    /// The valid channels, in the order rendered.
    public var validChannels: [String]
    /// Whether a channel is required on every message.
    public var channelRequired: Bool

    /// A configuration with these channels.
    public init(validChannels: [String], channelRequired: Bool) {
        self.validChannels = validChannels
        self.channelRequired = channelRequired
    }

    /// These channels, required on every message.
    public static func requireChannels(_ channels: [String]) -> ChannelConfig {
        ChannelConfig(validChannels: channels, channelRequired: true)
    }
}
