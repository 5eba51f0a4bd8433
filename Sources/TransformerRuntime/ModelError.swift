/// An error raised while loading a checkpoint or running a model.
///
/// Every error names what is wrong: the file, the tensor, the expected and actual shape, or the
/// configuration key, so that a bad checkpoint can be fixed without reading the runtime's source.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad category of an error, for callers that branch on it.
    public enum Kind: Sendable, Equatable {
        /// A file could not be opened, read or mapped.
        case unreadableFile
        /// A file exists but its contents are not valid (bad header, truncated data, bad JSON).
        case malformedFile
        /// The checkpoint does not contain a tensor the architecture needs.
        case missingTensor
        /// A tensor has a different shape than the configuration implies.
        case shapeMismatch
        /// A tensor is stored in a data type the runtime cannot use for it.
        case unsupportedDataType
        /// `config.json` names a `model_type` the runtime does not implement.
        case unsupportedModelType
        /// `config.json` lacks a key or holds a value that cannot be used.
        case invalidConfiguration
        /// An argument passed by the caller is out of range (a token id, a sampling parameter).
        case invalidArgument
    }

    /// The category of the error.
    public let kind: Kind
    /// A readable explanation naming the offending item.
    public let description: String

    /// Creates an error of `kind` with a readable `description`.
    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
