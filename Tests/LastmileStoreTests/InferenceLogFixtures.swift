import Foundation
import LastmileStore

/// A time near now, so the writer's own retention (30 days by default) never touches test rows.
let logBase = Int64(Date().timeIntervalSince1970 * 1000) / 1000 * 1000

/// A log configuration for tests: no automatic retention unless asked for.
func logConfiguration(
    durability: InferenceLogConfiguration.Durability = .async,
    flushInterval: Duration = .seconds(3600),
    maxAge: Duration? = nil,
    maxBytes: Int64? = nil,
    segmentBytes: Int = 64 << 20,
    maxPendingBytes: Int = 256 << 20
) -> InferenceLogConfiguration {
    InferenceLogConfiguration(
        durability: durability, flushInterval: flushInterval, maxAge: maxAge, maxBytes: maxBytes,
        segmentBytes: segmentBytes, maxPendingBytes: maxPendingBytes
    )
}

/// A one-row entry of `pipeline` at `logBase + offset` milliseconds whose body is its id,
/// padded to about the size of a small served row (segment sizes in tests assume it).
func logRow(_ pipeline: String = "fraud", at offset: Int64, id: String, anomalies: Int = 0) -> InferenceLogEntry {
    let body = id + "|" + String(repeating: ".", count: 56)
    return InferenceLogEntry(pipeline: pipeline, timeMillis: logBase + offset, anomalyCounts: [UInt32(anomalies)], body: Array(body.utf8))
}

/// An entry of several rows (one request) whose body is the rows' ids, one per line.
func logBatch(_ pipeline: String = "fraud", at offset: Int64, ids: [String], anomalies: [Int]? = nil) -> InferenceLogEntry {
    let counts = anomalies ?? [Int](repeating: 0, count: ids.count)
    return InferenceLogEntry(
        pipeline: pipeline, timeMillis: logBase + offset, anomalyCounts: counts.map { UInt32($0) },
        body: Array(ids.joined(separator: "\n").utf8)
    )
}

extension InferenceLogEntry {
    /// The id in a test entry's body (every id of a batch, one per line).
    var id: String { String(String(decoding: body, as: UTF8.self).prefix { $0 != "|" }) }
}

/// Rows `0..<count` of `pipeline`, one millisecond apart from `logBase`, ids `"<prefix><i>"`.
func logRows(_ pipeline: String = "fraud", count: Int, prefix: String = "row-") -> [InferenceLogEntry] {
    (0..<count).map { logRow(pipeline, at: Int64($0), id: "\(prefix)\($0)") }
}

extension InferenceLog {
    /// Every matching row, collected as one-row entries (a batch's rows split by line).
    func rows(
        _ pipeline: String = "fraud", start: Int64? = nil, end: Int64? = nil, order: LogOrder = .asc,
        anomalyOnly: Bool = false, limit: Int? = nil
    ) throws -> [InferenceLogEntry] {
        var rows: [InferenceLogEntry] = []
        try read(pipeline: pipeline, start: start, end: end, order: order, anomalyOnly: anomalyOnly, limit: limit) { entry, selected in
            let ids = entry.rows == 1 ? [entry.id] : entry.id.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for row in selected {
                let body = entry.rows == 1 ? entry.body : Array(ids[row].utf8)
                rows.append(InferenceLogEntry(pipeline: entry.pipeline, timeMillis: entry.timeMillis, anomalyCounts: [entry.anomalyCounts[row]], body: body))
            }
            return true
        }
        return rows
    }
}

/// The segment files of `pipeline` under the log folder `directory`, oldest first.
func segmentFiles(_ directory: URL, pipeline: String = "fraud") throws -> [URL] {
    let folder = directory.appending(path: pipeline, directoryHint: .isDirectory)
    return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "log" }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
}

/// Opens a log in `directory`, runs `body`, then closes the log.
func withLog<T>(
    _ directory: URL, _ configuration: InferenceLogConfiguration = logConfiguration(),
    _ body: (InferenceLog) async throws -> T
) async throws -> T {
    let log = try InferenceLog(directory: directory, configuration: configuration)
    do {
        let result = try await body(log)
        await log.close()
        return result
    } catch {
        await log.close()
        throw error
    }
}
