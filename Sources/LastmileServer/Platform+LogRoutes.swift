import Foundation
import HTTPTypes
import Hummingbird
import LastmileAPI
import LastmileStore
import NIOCore

extension HTTPField.Name {
    /// Set when a logs reply returned fewer rows than asked because of the server's cap.
    static let lastmileLimitCapped = HTTPField.Name("Lastmile-Limit-Capped")!
}

extension Platform {
    /// Rows a JSON list reply holds at most; NDJSON and CSV stream and allow more.
    static let jsonLogCap = 10_000
    static let streamedLogCap = 10_000_000

    func addLogRoutes(to router: Router<LastmileRequestContext>) {
        router.get("/v1/pipelines/{pipeline}/logs") { request, context in
            let pipeline = try self.requirePipeline(context.parameters.require("pipeline"), context: context, role: .viewer, to: "read logs")
            let query = try LogQueryParameters(request.uri.queryParameters)
            let cap = query.format == .json ? Self.jsonLogCap : Self.streamedLogCap
            let limit = min(query.limit, cap)
            var headers = HTTPFields()
            if query.limit > cap {
                headers[.lastmileLimitCapped] = "\(cap) rows at most in \(query.format.rawValue); use format=ndjson or csv, or a narrower time range"
            }
            headers[.contentType] = query.format.contentType
            let log = self.inferenceLog
            let body = ResponseBody { writer in
                let export = LogExport.chunks(log: log, pipeline: pipeline.name, query: query, limit: limit)
                for try await chunk in export.chunks {
                    try await writer.write(chunk)
                    export.sent.signal()
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: headers, body: body)
        }
    }
}

/// The query of a logs request, checked: 400s name the parameter and the rule.
struct LogQueryParameters: Sendable {
    enum Format: String, Sendable {
        case json, ndjson, csv

        var contentType: String {
            switch self {
            case .json: "application/json"
            case .ndjson: "application/x-ndjson"
            case .csv: "text/csv; charset=utf-8"
            }
        }
    }

    var start: Int64?
    var end: Int64?
    var limit = 100
    var order = LogOrder.asc
    var anomalyOnly = false
    var format = Format.json

    init(_ parameters: Parameters) throws {
        start = try parameters.get("start").map { try Self.time($0, name: "start") }
        end = try parameters.get("end").map { try Self.time($0, name: "end") }
        if let start, let end, start > end {
            throw APIError.badRequest("start is after end; give a time range with start <= end")
        }
        if let text = parameters.get("limit") {
            guard let value = Int(text), value > 0 else {
                throw APIError.badRequest("limit \"\(text.prefix(20))\" is not a positive whole number")
            }
            limit = value
        }
        if let text = parameters.get("order") {
            guard let value = LogOrder(rawValue: text) else { throw APIError.badRequest("order \"\(text.prefix(20))\" is not asc or desc") }
            order = value
        }
        if let text = parameters.get("anomaly") {
            guard let value = Bool(text) else { throw APIError.badRequest("anomaly \"\(text.prefix(20))\" is not true or false") }
            anomalyOnly = value
        }
        if let text = parameters.get("format") {
            guard let value = Format(rawValue: text) else { throw APIError.badRequest("format \"\(text.prefix(20))\" is not json, ndjson or csv") }
            format = value
        }
    }

    /// Milliseconds since 1970 from a number of milliseconds or an ISO 8601 date.
    static func time(_ text: String, name: String) throws -> Int64 {
        if let millis = Int64(text) { return millis }
        if let date = APICoding.parseDate(text) { return Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        throw APIError.badRequest("\(name) \"\(text.prefix(40))\" is neither milliseconds since 1970 nor an ISO 8601 time such as 2026-11-26T20:00:00Z")
    }
}
