// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "tokenizer-suite",
    platforms: [.macOS(.v13), .iOS(.v16)],
    products: [
        .library(name: "TokenizerSuite", targets: ["TokenizerSuite"]),
        .library(name: "BytePairEncoding", targets: ["BytePairEncoding"]),
        .library(name: "Harmony", targets: ["Harmony"]),
        .library(name: "TransformerRuntime", targets: ["TransformerRuntime"]),
        .library(name: "ChatGeneration", targets: ["ChatGeneration"]),
        .executable(name: "tok", targets: ["TokCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
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

        // Core layers (no Foundation).
        .target(name: "BytePairEncoding"),
        .target(
            name: "Pretokenization",
            dependencies: ["CTokenizerSuitePCRE2"]
        ),
        .target(
            name: "TextNormalization",
            dependencies: ["CTokenizerSuiteICUShim"]
        ),

        // Loaders, bundled vocabularies and the public facade.
        .target(
            name: "TokenizerSuiteVocab",
            path: "Vocab",
            resources: [.copy("encodings")]
        ),
        .target(
            name: "TokenizerSuite",
            dependencies: ["BytePairEncoding", "Pretokenization", "TextNormalization", "TokenizerSuiteVocab"]
        ),

        // The gpt-oss harmony chat format.
        .target(
            name: "Harmony",
            dependencies: ["TokenizerSuite", "BytePairEncoding"]
        ),
        // A minimal CPU transformer runtime (safetensors, Qwen3, Qwen3-MoE, gpt-oss, DeepSeek-V3).
        .target(name: "TransformerRuntime", dependencies: ["BytePairEncoding"]),

        // Conversation → render → generate → stream-parse: the glue above Harmony and the runtime.
        .target(
            name: "ChatGeneration",
            dependencies: ["Harmony", "TransformerRuntime", "BytePairEncoding"]
        ),

        // The `tok` command.
        .executableTarget(
            name: "TokCLI",
            dependencies: [
                "TokenizerSuite",
                "BytePairEncoding",
                "Harmony",
                "TransformerRuntime",
                "ChatGeneration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "BytePairEncodingTests", dependencies: ["BytePairEncoding"]),
        .testTarget(name: "PretokenizationTests", dependencies: ["Pretokenization"]),
        .testTarget(name: "TextNormalizationTests", dependencies: ["TextNormalization"]),
        .testTarget(name: "TokenizerSuiteTests", dependencies: ["TokenizerSuite"]),
        .testTarget(name: "TokCLITests", dependencies: ["TokenizerSuite"]),
        .testTarget(name: "HarmonyTests", dependencies: ["Harmony", "TokenizerSuite", "BytePairEncoding"]),
        .testTarget(name: "TransformerRuntimeTests", dependencies: ["TransformerRuntime", "BytePairEncoding"]),
        .testTarget(
            name: "ChatGenerationTests",
            dependencies: ["ChatGeneration", "Harmony", "TransformerRuntime", "BytePairEncoding"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
