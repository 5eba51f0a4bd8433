import Foundation

/// Counts a test reports (fixtures checked, cases skipped), written to standard error at once, so
/// they appear in order with the test run's own lines and the run's summary stays the last line.
public enum TestReport {
    public static func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
