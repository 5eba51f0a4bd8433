// The parser protocol and token type the output parsers conform to and take.
@_exported import TokenizerCore
