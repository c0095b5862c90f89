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

/// A row of `pipeline` at `logBase + offset` milliseconds whose JSON names its id.
func logRow(_ pipeline: String = "fraud", at offset: Int64, id: String, anomalies: Int = 0) -> InferenceLogEntry {
    let time = logBase + offset
    let json = #"{"time":\#(time),"id":"\#(id)","anomaly":{"count":\#(anomalies)}}"#
    return InferenceLogEntry(pipeline: pipeline, timeMillis: time, id: id, anomalyCount: anomalies, json: Array(json.utf8))
}

/// Rows `0..<count` of `pipeline`, one millisecond apart from `logBase`, ids `"<prefix><i>"`.
func logRows(_ pipeline: String = "fraud", count: Int, prefix: String = "row-") -> [InferenceLogEntry] {
    (0..<count).map { logRow(pipeline, at: Int64($0), id: "\(prefix)\($0)") }
}

extension InferenceLog {
    /// Every matching row, collected.
    func rows(
        _ pipeline: String = "fraud", start: Int64? = nil, end: Int64? = nil, order: LogOrder = .asc,
        anomalyOnly: Bool = false, limit: Int? = nil
    ) throws -> [InferenceLogEntry] {
        var rows: [InferenceLogEntry] = []
        try read(pipeline: pipeline, start: start, end: end, order: order, anomalyOnly: anomalyOnly, limit: limit) { row in
            rows.append(row)
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
