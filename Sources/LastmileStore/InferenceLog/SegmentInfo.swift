import Foundation

/// What the log knows about one segment file without reading it: where it is, its committed
/// size and the range and counts of its rows.
///
/// A segment is named `<sequence>-<first time>.log`: the sequence (16 zero-padded digits,
/// increasing per pipeline) orders segments unambiguously; the first record's time is for
/// people listing the folder. A sealed segment also has `<same name>.summary`, a small JSON
/// copy of these fields, so opening the log does not rescan it.
struct SegmentInfo: Sendable, Equatable {
    /// The segment file.
    var url: URL
    /// The segment's place in its pipeline's sequence.
    var sequence: UInt64
    /// Bytes of whole, fsynced records; readers read no further.
    var bytes: Int = 0
    /// Rows in those bytes (a record holds one request's rows).
    var rows: Int = 0
    /// Rows among them with an anomaly count above 0.
    var anomalous: Int = 0
    /// The smallest record time (`Int64.max` while empty).
    var minTime: Int64 = .max
    /// The largest record time (`Int64.min` while empty).
    var maxTime: Int64 = .min
    /// Whether the writer moved on to a later segment, so this one never changes again.
    var sealed = false

    /// The file name extension of segments.
    static let fileExtension = "log"
    /// The file name extension of summaries.
    static let summaryExtension = "summary"

    /// The file name for a segment.
    static func fileName(sequence: UInt64, firstTime: Int64) -> String {
        let digits = String(sequence)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits + "-\(firstTime).\(fileExtension)"
    }

    /// The sequence number in a segment's file name, or nil when `name` is not one.
    static func sequence(fromFileName name: String) -> UInt64? {
        guard name.hasSuffix(".\(fileExtension)"), let dash = name.firstIndex(of: "-") else { return nil }
        let stem = name.dropLast(fileExtension.count + 1)
        guard Int64(stem[stem.index(after: dash)...]) != nil else { return nil }
        return UInt64(name[..<dash])
    }

    /// The summary file beside the segment.
    var summaryURL: URL {
        url.deletingPathExtension().appendingPathExtension(Self.summaryExtension)
    }

    /// Whether the segment may hold records in [`start`, `end`].
    func overlaps(start: Int64?, end: Int64?) -> Bool {
        rows > 0 && minTime <= (end ?? .max) && maxTime >= (start ?? .min)
    }

    /// Whether every record of the segment lies in [`start`, `end`].
    func lies(within start: Int64?, _ end: Int64?) -> Bool {
        rows > 0 && minTime >= (start ?? .min) && maxTime <= (end ?? .max)
    }

    /// Counts a record appended to the segment.
    mutating func add(time: Int64, rows count: Int, anomalous anomalousCount: Int, bytes size: Int) {
        bytes += size
        rows += count
        anomalous += anomalousCount
        minTime = min(minTime, time)
        maxTime = max(maxTime, time)
    }
}
