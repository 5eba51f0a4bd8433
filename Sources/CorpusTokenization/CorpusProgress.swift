import Foundation

/// How far a run is, reported after each batch.
public struct CorpusProgress: Sendable {
    /// Input bytes read (of the decompressed input) and the bytes the shard holds, when known.
    public var bytesRead: Int
    public var totalBytes: Int?
    public var documents: Int
    public var tokens: Int
    /// Seconds since the run started.
    public var seconds: Double

    /// `12.3/100.0 MB  45,000 docs  35.2 MB/s  ETA 0:03`.
    public var line: String {
        let megabytes = Double(bytesRead) / 1e6
        let rate = seconds > 0 ? megabytes / seconds : 0
        var text = String(format: "%.1f", megabytes)
        if let totalBytes { text += String(format: "/%.1f", Double(totalBytes) / 1e6) }
        text += " MB  \(documents) docs  \(tokens) tokens  " + String(format: "%.1f MB/s", rate)
        if let totalBytes, rate > 0 {
            let remaining = Int(Double(totalBytes - bytesRead) / 1e6 / rate)
            text += "  ETA " + String(format: "%d:%02d", remaining / 60, remaining % 60)
        }
        return text
    }
}
