// swift-tools-version: 6.0
// Decode-speed benchmark of TransformerRuntime; see compare.py. Kept out of the root package
// so that benchmark code never enters the library's build graph.
import PackageDescription

let package = Package(
    name: "RuntimeDecode",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "tokenizer-suite", path: "../..")],
    targets: [
        .executableTarget(
            name: "RuntimeDecode",
            dependencies: [.product(name: "TransformerRuntime", package: "tokenizer-suite")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
