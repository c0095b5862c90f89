import Foundation

/// The JSON file written beside a sealed segment, so opening the log trusts its counts and
/// time range instead of rescanning it.
///
/// It is written through `DurableFile` after the segment's last fsync. It is trusted only
/// while `bytes` equals the segment's size; otherwise the segment is scanned again.
struct SegmentSummary: Codable, Equatable {
    /// The summary format (2: counts are rows; format 1 counted records and is rescanned).
    var format = 2
    /// The segment's size when sealed.
    var bytes: Int
    /// Rows in the segment.
    var rows: Int
    /// Rows with an anomaly count above 0.
    var anomalous: Int
    /// The smallest record time.
    var minTime: Int64
    /// The largest record time.
    var maxTime: Int64

    /// The summary of `segment`.
    init(_ segment: SegmentInfo) {
        bytes = segment.bytes
        rows = segment.rows
        anomalous = segment.anomalous
        minTime = segment.minTime
        maxTime = segment.maxTime
    }

    /// Writes the summary of the sealed `segment` beside it.
    static func save(_ segment: SegmentInfo) throws {
        let data: Data
        do {
            data = try JSONEncoder().encode(SegmentSummary(segment))
        } catch {
            throw StoreError(.io, "could not encode the summary of log segment \(segment.url.lastPathComponent): \(error)", underlying: error)
        }
        try DurableFile.save(data, to: segment.summaryURL, what: "the summary of log segment \(segment.url.lastPathComponent)")
    }

    /// `segment` with the counts from its summary, or nil when there is no usable summary
    /// (missing, unreadable, another format, or written for a different size).
    static func load(_ segment: SegmentInfo, fileSize: Int) -> SegmentInfo? {
        guard let data = try? Data(contentsOf: segment.summaryURL),
              let summary = try? JSONDecoder().decode(SegmentSummary.self, from: data),
              summary.format == 2, summary.bytes == fileSize
        else { return nil }
        var loaded = segment
        loaded.bytes = summary.bytes
        loaded.rows = summary.rows
        loaded.anomalous = summary.anomalous
        loaded.minTime = summary.minTime
        loaded.maxTime = summary.maxTime
        loaded.sealed = true
        return loaded
    }
}
