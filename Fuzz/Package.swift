// swift-tools-version: 6.0
// libFuzzer targets for the package's parsers; see run.sh. Kept out of the root package so that
// fuzzing code never enters the library's build graph. Build it with run.sh, which passes
// -sanitize=fuzzer,address to every module (libraries included), so the fuzzer sees their coverage.
import PackageDescription

let package = Package(
    name: "TokFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "tokenizer-suite", path: "..")],
    targets: [
        .executableTarget(
            name: "TokFuzz",
            dependencies: [
                .product(name: "TokenizerSuite", package: "tokenizer-suite"),
                .product(name: "Harmony", package: "tokenizer-suite"),
                .product(name: "OrderedJSON", package: "tokenizer-suite"),
                .product(name: "CorpusTokenization", package: "tokenizer-suite"),
            ],
            // gold fails on the sanitized objects (an internal error in its DWARF reader); lld links them.
            linkerSettings: [.unsafeFlags(["-use-ld=lld"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
