// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "tokenizer-suite",
    platforms: [.macOS(.v13), .iOS(.v16)],
    products: [
        .library(name: "TokenizerSuite", targets: ["TokenizerSuite"]),
        .library(name: "TiktokenTokenizers", targets: ["TiktokenTokenizers"]),
        .library(name: "HuggingFaceTokenizers", targets: ["HuggingFaceTokenizers"]),
        .library(name: "BytePairEncoding", targets: ["BytePairEncoding"]),
        .library(name: "OrderedJSON", targets: ["OrderedJSON"]),
        .library(name: "CorpusTokenization", targets: ["CorpusTokenization"]),
        .library(name: "TokenizerAdapters", targets: ["TokenizerAdapters"]),
        .library(name: "Harmony", targets: ["Harmony"]),
        .library(name: "TransformerRuntime", targets: ["TransformerRuntime"]),
        .library(name: "ChatGeneration", targets: ["ChatGeneration"]),
        .library(name: "ChatTemplates", targets: ["ChatTemplates"]),
        .executable(name: "tok", targets: ["TokCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        // `swift package generate-documentation` (the DocC catalogs); no target depends on it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // System libraries.
        .systemLibrary(
            name: "CTokenizerSuitePCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        .systemLibrary(
            name: "CTokenizerSuiteICU",
            pkgConfig: "icu-uc",
            providers: [.apt(["libicu-dev"]), .brew(["icu4c"])]
        ),
        .target(
            name: "CTokenizerSuiteICUShim",
            dependencies: ["CTokenizerSuiteICU"]
        ),
        .systemLibrary(
            name: "CTokenizerSuiteZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(
            name: "CTokenizerSuiteZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"]), .brew(["zstd"])]
        ),

        // Core layers (no Foundation).
        .target(name: "BytePairEncoding"),
        // The ASCII byte classes of 64 bytes at a time (SSE2 where there is SSE2) for the scanners.
        .target(name: "CTokenizerSuiteByteClasses"),
        .target(
            name: "Pretokenization",
            dependencies: ["CTokenizerSuitePCRE2", "CTokenizerSuiteByteClasses"]
        ),
        .target(
            name: "TextNormalization",
            dependencies: ["CTokenizerSuiteICUShim"]
        ),

        // Ordered JSON values, the serde_json-exact reader and writer, path-aware field reading.
        .target(name: "OrderedJSON"),

        // The `Tokenizer` protocol, its policy, roles and errors, and what the families share.
        .target(
            name: "TokenizerCore",
            dependencies: ["BytePairEncoding", "Pretokenization", "OrderedJSON", .product(name: "Crypto", package: "swift-crypto")]
        ),

        // The tokenizer families, each with its bundled vocabularies (a resource target).
        .target(
            name: "TiktokenVocabulary",
            path: "Vocab/Tiktoken",
            resources: [.copy("tiktoken")]
        ),
        .target(
            name: "TiktokenTokenizers",
            dependencies: ["TokenizerCore", "BytePairEncoding", "Pretokenization", "TiktokenVocabulary"]
        ),
        .target(
            name: "HuggingFaceVocabulary",
            path: "Vocab/HuggingFace",
            resources: [.copy("huggingface")]
        ),
        .target(
            name: "HuggingFaceTokenizers",
            dependencies: [
                "TokenizerCore", "BytePairEncoding", "Pretokenization", "TextNormalization", "OrderedJSON", "HuggingFaceVocabulary",
            ]
        ),

        // One import for every family: re-exports, and the registry that loads any of them.
        .target(
            name: "TokenizerSuite",
            dependencies: ["TokenizerCore", "TiktokenTokenizers", "HuggingFaceTokenizers", "BytePairEncoding", "Pretokenization"]
        ),

        // Corpus tokenization: JSON Lines (plain, gzip, zstd) in, shards, binary outputs, manifests.
        .target(
            name: "CorpusTokenization",
            dependencies: ["TokenizerCore", "BytePairEncoding", "OrderedJSON", "CTokenizerSuiteZlib", "CTokenizerSuiteZstd"]
        ),

        // The gpt-oss harmony chat format, on the tiktoken family alone.
        .target(
            name: "Harmony",
            dependencies: ["TiktokenTokenizers", "TokenizerCore", "BytePairEncoding", "OrderedJSON"]
        ),
        // A minimal CPU transformer runtime (safetensors, Qwen3, Qwen3-MoE, gpt-oss, DeepSeek-V3).
        .target(name: "TransformerRuntime", dependencies: ["BytePairEncoding", "OrderedJSON"]),

        // Conversation → render → generate → stream-parse: the glue above the chat formats and the runtime.
        .target(
            name: "ChatGeneration",
            dependencies: ["Harmony", "ChatTemplates", "TransformerRuntime", "TokenizerSuite", "BytePairEncoding"]
        ),

        // Jinja chat templates (transformers' dialect) and output parsers for Qwen and DeepSeek.
        .target(name: "ChatTemplates", dependencies: ["TokenizerCore", "HuggingFaceTokenizers", "OrderedJSON"]),

        // A loaded tokenizer in the method shapes of swift-transformers' and mlx-swift-lm's protocols.
        .target(name: "TokenizerAdapters", dependencies: ["TokenizerSuite", "TokenizerCore", "ChatTemplates"]),

        // The `tok` command.
        .executableTarget(
            name: "TokCLI",
            dependencies: [
                "TokenizerSuite",
                "BytePairEncoding",
                "OrderedJSON",
                "CorpusTokenization",
                "Harmony",
                "TransformerRuntime",
                "ChatGeneration",
                "ChatTemplates",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // What the test targets share: the seeded generator, fixture paths, the `tok` runner.
        .target(name: "TokenizerSuiteTestSupport", path: "Tests/TokenizerSuiteTestSupport"),

        .testTarget(name: "BytePairEncodingTests", dependencies: ["BytePairEncoding", "TokenizerSuiteTestSupport"]),
        .testTarget(name: "PretokenizationTests", dependencies: ["Pretokenization", "TokenizerSuiteTestSupport"]),
        .testTarget(name: "TextNormalizationTests", dependencies: ["TextNormalization"]),
        .testTarget(name: "OrderedJSONTests", dependencies: ["OrderedJSON"]),
        .testTarget(name: "TokenizerSuiteTests", dependencies: ["TokenizerSuite", "TokenizerCore", "TokenizerSuiteTestSupport"]),
        .testTarget(name: "TokCLITests", dependencies: ["TokenizerSuite", "OrderedJSON", "TokenizerSuiteTestSupport"]),
        .testTarget(
            name: "HarmonyTests",
            dependencies: ["Harmony", "TiktokenTokenizers", "TokenizerCore", "BytePairEncoding", "OrderedJSON", "TokenizerSuiteTestSupport"]
        ),
        .testTarget(name: "TransformerRuntimeTests", dependencies: ["TransformerRuntime", "BytePairEncoding"]),
        .testTarget(name: "TokenizerAdaptersTests", dependencies: ["TokenizerAdapters", "ChatTemplates", "TokenizerSuite", "TokenizerSuiteTestSupport"]),
        .testTarget(name: "ChatTemplatesTests", dependencies: ["ChatTemplates", "Harmony", "TokenizerSuite", "TokenizerSuiteTestSupport"]),
        .testTarget(
            name: "ChatGenerationTests",
            dependencies: [
                "ChatGeneration", "ChatTemplates", "Harmony", "TransformerRuntime", "BytePairEncoding", "TokenizerSuite",
                "TokenizerSuiteTestSupport",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
