/// Bounds on one render, so that no template or input can hang, recurse without bound or grow
/// without bound. Exceeding one is a `ChatTemplateError` of kind `.limitExceeded` naming it.
public struct RenderLimits: Sendable, Equatable {
    /// The most bytes of rendered output (all captured blocks included).
    public var maximumOutputBytes: Int
    /// The most bytes of one string a template builds (`+`, `*`, `join`, `replace`, …).
    public var maximumStringBytes: Int
    /// The most elements of one list a template builds.
    public var maximumListItems: Int
    /// The most interpreter steps (statements run, loop iterations, calls).
    public var maximumSteps: Int
    /// The deepest nesting of macro calls.
    public var maximumCallDepth: Int
    /// The deepest nesting of input values (lists and dictionaries inside each other).
    public var maximumValueDepth: Int

    /// Limits that real chat templates stay far below.
    public static let standard = RenderLimits(
        maximumOutputBytes: 64 << 20, maximumStringBytes: 64 << 20, maximumListItems: 1 << 22,
        maximumSteps: 20_000_000, maximumCallDepth: 64, maximumValueDepth: 128)

    /// Limits, each given.
    public init(
        maximumOutputBytes: Int, maximumStringBytes: Int, maximumListItems: Int, maximumSteps: Int,
        maximumCallDepth: Int, maximumValueDepth: Int
    ) {
        self.maximumOutputBytes = maximumOutputBytes
        self.maximumStringBytes = maximumStringBytes
        self.maximumListItems = maximumListItems
        self.maximumSteps = maximumSteps
        self.maximumCallDepth = maximumCallDepth
        self.maximumValueDepth = maximumValueDepth
    }

    func checkString(_ bytes: Int) throws {
        if bytes > maximumStringBytes {
            throw RenderFailure.limit("a string would exceed \(maximumStringBytes) bytes (maximumStringBytes)")
        }
    }

    func checkItems(_ count: Int) throws {
        if count > maximumListItems {
            throw RenderFailure.limit("a list would exceed \(maximumListItems) items (maximumListItems)")
        }
    }
}
