// swift-tools-version: 6.0
// Render + tokenize speed of ChatTemplates against transformers; see compare.py. Kept out of the
// root package so that benchmark code never enters the library's build graph.
import PackageDescription

let package = Package(
    name: "ChatTemplateSpeed",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "tokenizer-suite", path: "../..")],
    targets: [
        .executableTarget(
            name: "ChatTemplateSpeed",
            dependencies: [
                .product(name: "ChatTemplates", package: "tokenizer-suite"),
                .product(name: "TokenizerSuite", package: "tokenizer-suite"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
