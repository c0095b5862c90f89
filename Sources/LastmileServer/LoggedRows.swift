import LastmileRuntime
import LastmileStore

/// Reads inference log rows back as the records JSON objects inference replies carry.
///
/// The log stores each request as one binary entry (`LogBatchCodec`); a read decodes the
/// entries it passes through and renders only their matching rows. Rows written by format-1
/// logs are stored as JSON already and pass through unchanged.
enum LoggedRows {
    /// Calls `body` with each matching row's JSON object of `pipeline`, in `order`, at most
    /// `limit` rows, until it returns false. Blocking (file reads): call it off the event loops.
    /// Throws the log's `StoreError`s, and `RuntimeError(.inferenceFailed)` for an entry that
    /// cannot be decoded.
    static func read(
        _ log: InferenceLog, pipeline: String, start: Int64?, end: Int64?, order: LogOrder, anomalyOnly: Bool, limit: Int?,
        _ body: ([UInt8]) throws -> Bool
    ) throws {
        try log.read(pipeline: pipeline, start: start, end: end, order: order, anomalyOnly: anomalyOnly, limit: limit) { entry, rows in
            if entry.legacyRowID != nil {
                return try body(entry.body)
            }
            let rendered = try render(entry)
            for row in rows {
                guard try body(Array(rendered.bytes[rendered.rowRanges[row]])) else { return false }
            }
            return true
        }
    }

    /// Every row of `entry` rendered as in a reply, with where each row's object is.
    static func render(_ entry: InferenceLogEntry) throws -> (bytes: [UInt8], rowRanges: [Range<Int>]) {
        let batch = try LogBatchCodec.decode(entry.body, pipeline: entry.pipeline)
        guard batch.rows == entry.rows else {
            throw RuntimeError(.inferenceFailed, "a logged request of pipeline \"\(entry.pipeline)\" has \(batch.rows) rows in its body but \(entry.rows) in its record")
        }
        return try RecordsCodec.encodeReplyRows(
            rows: batch.rows, inputs: batch.inputs, inputOrder: batch.inputOrder, outputs: batch.outputs, shadows: batch.shadows,
            metadata: batch.metadata, timeMillis: entry.timeMillis
        )
    }
}
