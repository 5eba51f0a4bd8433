import OrderedJSON

/// `ByteLevel` as a post-processor: changes offsets only (`trim_offsets`); the ids stay as they are.
struct ByteLevelPostProcessor: PostProcessorStage {
    static let typeName = "ByteLevel"
    let summary = "ByteLevel"
    let template: [PostProcessorPiece] = [.sequence(typeID: 0)]

    init(json: JSONCursor) {}
}
