import Hummingbird
import LastmileAPI

extension Platform {
    func addMetricsRoutes(to router: Router<LastmileRequestContext>) {
        router.get("/metrics") { _, _ in
            for (name, active) in self.deployments.active.withLock({ $0 }) {
                self.metrics.pipeline(name).setDeployment(queueDepth: active.runner.queueDepth, replicas: active.runner.config.replicas)
            }
            return Response.bytes(self.metrics.exposition(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/v1/pipelines/{pipeline}/metrics") { request, context in
            let pipeline = try self.requirePipeline(context.parameters.require("pipeline"), context: context, role: .viewer, to: "read metrics")
            let window = try Self.windowSeconds(request.uri.queryParameters.get("window") ?? "5m")
            let summary = self.metrics.pipeline(pipeline.name).window.summary(pipeline: pipeline.name, windowSeconds: window)
            return try Response.json(summary)
        }
        router.get("/v1/pipelines/{pipeline}/routes") { request, context in
            let pipeline = try self.requirePipeline(context.parameters.require("pipeline"), context: context, role: .viewer, to: "read metrics")
            let window = try Self.windowSeconds(request.uri.queryParameters.get("window") ?? "1h")
            return try Response.json(self.metrics.pipeline(pipeline.name).routes.summary(pipeline: pipeline.name, windowSeconds: window))
        }
    }

    /// Seconds in a window such as `90s`, `5m` or `1h` (at most an hour); a 400 naming the rule otherwise.
    static func windowSeconds(_ text: String) throws -> Int {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600]
        guard let unit = text.last, let scale = units[unit], let count = Int(text.dropLast()), count > 0 else {
            throw APIError.badRequest("window \"\(text.prefix(20))\" is not a duration such as 30s, 5m or 1h")
        }
        let seconds = count.multipliedReportingOverflow(by: scale)
        guard !seconds.overflow, seconds.partialValue <= 3600 else {
            throw APIError.badRequest("window \"\(text.prefix(20))\" is longer than the hour the server keeps")
        }
        return seconds.partialValue
    }
}
