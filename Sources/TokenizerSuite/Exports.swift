// The suite's tokenizer library in one import: the `Tokenizer` protocol and its policy types, both
// tokenizer families, and the engine's token id type.
@_exported import BytePairEncoding
@_exported import HuggingFaceTokenizers
@_exported import TiktokenTokenizers
@_exported import TokenizerCore
