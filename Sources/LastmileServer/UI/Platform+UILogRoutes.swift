import Foundation
import HTTPTypes
import Hummingbird
import LastmileAPI

extension Platform {
    /// Rows the logs page shows at most.
    static let uiLogRows = 500

    func addUILogRoutes(to router: Router<LastmileRequestContext>, api: InternalAPI, renderer: UIRenderer) {
        uiGet(router, "/ui/pipelines/{pipeline}/logs", api: api, renderer: renderer) { ui in
            let name = try ui.context.parameters.require("pipeline")
            let filter = LogFilter(ui)
            let limit = min(max(Int(ui.query("limit") ?? "") ?? 100, 1), Self.uiLogRows)
            let rows: [JSONValue] = try await ui.call(.get, "/v1/pipelines/\(name.pathEscaped)/logs?order=desc&limit=\(limit)" + filter.apiQuery)
            let page = LogsPage(pipeline: name, filter: filter, limit: limit, rows: rows)
            return ui.page("logs", page, title: "\(name) logs", section: "pipelines")
        }
        uiGet(router, "/ui/pipelines/{pipeline}/logs/export", api: api, renderer: renderer) { ui in
            let name = try ui.context.parameters.require("pipeline")
            let format = ui.query("format") ?? "csv"
            guard ["csv", "ndjson"].contains(format) else { throw UIError(status: .badRequest, message: "format must be csv or ndjson") }
            let filter = LogFilter(ui)
            var response = try await ui.api.respond(.get, "/v1/pipelines/\(name.pathEscaped)/logs?format=\(format)&limit=\(Self.streamedLogCap)" + filter.apiQuery, token: ui.session.token, context: ui.context)
            if response.status.code >= 400 {
                try InternalAPI.check(await InternalAPI.collect(response))
            }
            let file = name.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            response.headers[.contentDisposition] = "attachment; filename=\"\(file)-logs.\(format)\""
            return response
        }
    }
}

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
