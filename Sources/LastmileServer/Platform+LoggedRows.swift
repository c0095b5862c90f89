import Foundation
import LastmileObservability
import LastmileStore

/// A row of the inference log as assays see it: when it was served and its row object
/// (`{"time", "in": {name: value}, "out": {...}, "anomaly": {...}, "metadata": {...}}`).
struct LoggedRow {
    var timeMillis: Int64
    var object: [String: Any]
}

extension Platform {
    /// Passes each logged row of `pipeline` with a time in [`start`, `end`] (milliseconds,
    /// inclusive; nil leaves a side open) to `body`, oldest first.
    ///
    /// The only place assays read the inference log, so a change of the log's format is
    /// adapted here. Blocking (a file scan): call it from a dedicated thread (`Blocking.run`).
    /// Rows whose JSON is not an object are skipped.
    func loggedRows(pipeline: String, start: Int64?, end: Int64?, _ body: (LoggedRow) throws -> Void) throws {
        try inferenceLog.read(pipeline: pipeline, start: start, end: end, order: .asc, anomalyOnly: false, limit: nil) { entry in
            guard let object = (try? JSONSerialization.jsonObject(with: Data(entry.json))) as? [String: Any] else { return true }
            try body(LoggedRow(timeMillis: entry.timeMillis, object: object))
            return true
        }
    }

    /// The values of `path` in the rows logged in [`start`, `end`) (end exclusive); NaN where a
    /// row lacks the field. Blocking, like `loggedRows`.
    func loggedValues(pipeline: String, path: AssayIOPath, start: Int64, end: Int64) throws -> [Double] {
        var values: [Double] = []
        guard end > start else { return values }
        try loggedRows(pipeline: pipeline, start: start, end: end - 1) { row in
            values.append(path.value(in: row.object))
        }
        return values
    }
}
