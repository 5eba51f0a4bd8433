/// A token id (a rank in tiktoken's terms). 32 bits hold every vocabulary in use.
public typealias TokenID = UInt32
