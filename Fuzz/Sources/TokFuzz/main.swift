import Foundation

// tok-fuzz TARGET [libFuzzer options] [CORPUS...]: runs libFuzzer on one target. SwiftPM renames
// an executable's `main`, so libFuzzer's own `main` cannot be the entry point; this one hands the
// remaining arguments to LLVMFuzzerRunDriver.

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

nonisolated(unsafe) var selected: FuzzTarget = .json

let arguments = CommandLine.arguments
guard arguments.count >= 2, let target = FuzzTarget(rawValue: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: TokFuzz TARGET [libFuzzer options] [CORPUS...]\ntargets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: " "))\n".utf8))
    exit(2)
}
selected = target
switch target {
case .encodeO200k: _ = Fixtures.o200kOnPCRE2
case .decodeIDs: _ = Fixtures.o200k
default: break
}
if target == .encodeQwen3 || target == .decodeIDs { _ = Fixtures.qwen3 }
if target == .harmonyConversation || target == .harmonyCompletion { _ = Fixtures.harmony }

// libFuzzer sees the program name and the arguments after TARGET.
var driverArguments = [arguments[0]] + arguments.dropFirst(2)
var pointers: [UnsafeMutablePointer<CChar>?] = driverArguments.map { strdup($0) } + [nil]
var count = Int32(driverArguments.count)
let status = pointers.withUnsafeMutableBufferPointer { buffer -> Int32 in
    var base: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
    return LLVMFuzzerRunDriver(&count, &base) { data, size in
        selected.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }
}
exit(status)
