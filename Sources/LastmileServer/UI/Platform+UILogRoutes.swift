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
