import Foundation
import Hummingbird
import LastmileAPI

extension Platform {
    /// `GET /v1/pipelines/{p}/metrics/series?window=1h&step=1m&format=json|svg&chart=traffic|latency|errors`:
    /// the rolling window's traffic interval by interval, as JSON or as an SVG chart.
    func addMetricsSeriesRoutes(to router: Router<LastmileRequestContext>) {
        router.get("/v1/pipelines/{pipeline}/metrics/series") { request, context in
            let pipeline = try self.requirePipeline(context.parameters.require("pipeline"), context: context, role: .viewer, to: "read metrics")
            let series = try self.metricsSeries(pipeline.name, parameters: request.uri.queryParameters)
            switch request.uri.queryParameters.get("format") ?? "json" {
            case "json":
                return try Response.json(series)
            case "svg":
                let name = request.uri.queryParameters.get("chart") ?? "traffic"
                guard let chart = ChartViews.MetricsChart(rawValue: name) else {
                    throw APIError.badRequest("chart \"\(name.prefix(20))\" is not one of \(ChartViews.MetricsChart.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return Response.svg(ChartViews.metrics(series, chart: chart))
            case let other:
                throw APIError.badRequest("format \"\(other.prefix(20))\" is not json or svg")
            }
        }
    }

    /// The series a request asks for (`window` up to an hour, `step` at least a second and at
    /// most 720 points), with the deployment's replicas and queue depth now.
    func metricsSeries(_ pipeline: String, parameters: Parameters) throws -> PipelineMetricsSeries {
        let window = try Self.windowSeconds(parameters.get("window") ?? "1h")
        let step = try parameters.get("step").map { try Self.windowSeconds($0) } ?? max(window / 60, 1)
        guard step <= window else { throw APIError.badRequest("step is longer than the window; give a step such as 10s or 1m") }
        guard window / step <= 720 else { throw APIError.badRequest("window / step gives \(window / step) points; ask for 720 at most (a longer step)") }
        var series = metrics.pipeline(pipeline).window.series(pipeline: pipeline, windowSeconds: window, stepSeconds: step)
        if let active = deployments.active.withLock({ $0[pipeline] }) {
            series.replicas = active.runner.config.replicas
            series.queueDepth = active.runner.queueDepth
        }
        return series
    }
}

extension Response {
    /// An SVG image reply.
    static func svg(_ text: String) -> Response {
        bytes(Array(text.utf8), contentType: "image/svg+xml; charset=utf-8")
    }
}
