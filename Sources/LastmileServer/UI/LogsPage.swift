import Foundation
import LastmileAPI

/// The logs page's filters: a time range (UTC, as the browser's datetime inputs give it) and
/// whether to keep only rows with anomalies.
struct LogFilter {
    var start: String?
    var end: String?
    var anomalyOnly: Bool

    init(_ ui: UIRequest) {
        start = ui.query("start")
        end = ui.query("end")
        anomalyOnly = ui.query("anomaly") == "true" || ui.query("anomaly") == "on"
    }

    /// `2026-11-27T01:50` (a datetime-local value) as ISO 8601 in UTC; other text as it is.
    static func iso(_ text: String) -> String {
        if text.count == 16, text.dropFirst(10).first == "T" { return text + ":00Z" }
        if text.count == 19, text.dropFirst(10).first == "T" { return text + "Z" }
        return text
    }

    /// The filters as query parameters of the logs API (each prefixed with `&`).
    var apiQuery: String {
        var query = ""
        if let start { query += "&start=" + Self.iso(start).queryEscaped }
        if let end { query += "&end=" + Self.iso(end).queryEscaped }
        if anomalyOnly { query += "&anomaly=true" }
        return query
    }

    /// The filters as the page's own query (for the download links).
    var pageQuery: String {
        var query: [String] = []
        if let start { query.append("start=" + start.queryEscaped) }
        if let end { query.append("end=" + end.queryEscaped) }
        if anomalyOnly { query.append("anomaly=true") }
        return query.joined(separator: "&")
    }
}

/// The logs page's model.
struct LogsPage {
    struct Row {
        var time: String
        var predictionId: String
        var inputs: String
        var outputs: String
        var anomalies: String
        var flagged: Bool
        var detail: String
    }

    var name: String
    var start: String
    var end: String
    var anomalyOnly: Bool
    var limit: Int
    var rows: [Row]
    var count: Int
    var exportQuery: String

    init(pipeline: String, filter: LogFilter, limit: Int, rows: [JSONValue]) {
        name = pipeline
        start = filter.start ?? ""
        end = filter.end ?? ""
        anomalyOnly = filter.anomalyOnly
        self.limit = limit
        count = rows.count
        exportQuery = filter.pageQuery
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        self.rows = rows.map { row in
            guard case .object(let fields) = row else {
                return Row(time: "", predictionId: "", inputs: row.compactDescription, outputs: "", anomalies: "", flagged: false, detail: row.compactDescription)
            }
            var time = ""
            if case .number(let millis)? = fields["time"] { time = UIFormat.time(millis: Int64(millis)) }
            var id = ""
            if case .object(let metadata)? = fields["metadata"], case .string(let value)? = metadata["prediction_id"] { id = value }
            var count = 0.0
            if case .object(let anomaly)? = fields["anomaly"], case .number(let value)? = anomaly["count"] { count = value }
            let extra = fields.keys.filter { $0.hasPrefix("out_") }.sorted().map { "\($0): \(fields[$0]?.compactDescription ?? "")" }
            let detail = (try? encoder.encode(row)).map { String(decoding: $0, as: UTF8.self) } ?? row.compactDescription
            return Row(
                time: time, predictionId: id, inputs: fields["in"]?.compactDescription ?? "",
                outputs: ([fields["out"]?.compactDescription ?? ""] + extra).joined(separator: " · "),
                anomalies: count > 0 ? "\(Int(count))" : "", flagged: count > 0, detail: detail)
        }
    }
}
