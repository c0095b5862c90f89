import Foundation
import Hummingbird
import LastmileAPI
import LastmileObservability

extension Platform {
    /// Windows a preview scores at most.
    static let maxPreviewWindows = 1000

    func addAssayRoutes(to router: Router<LastmileRequestContext>) {
        router.post("/v1/assays/score") { request, context in
            _ = try context.requireUser()
            let body = try await request.decodeJSON(AssayScoreRequest.self, limit: self.configuration.maxRequestBytes)
            let result = try await Blocking.run("lastmile-assay-score") {
                try AssayCalculator.score(
                    baseline: body.baseline.values.lazy.map { $0 ?? .nan }, window: body.window.values.lazy.map { $0 ?? .nan },
                    summarizer: body.summarizer ?? AssaySummarizer(), thresholds: body.thresholds, minCount: body.minCount ?? 1
                )
            }
            return try Response.json(result)
        }
        router.post("/v1/assays/preview") { request, context in
            let body = try await request.decodeJSON(AssayPreviewRequest.self, limit: self.configuration.maxRequestBytes)
            let pipeline = try self.requirePipeline(body.pipeline, context: context, role: .viewer, to: "preview assays")
            let path = try AssayIOPath(body.iopath)
            try path.check(inputs: pipeline.latestVersion.inputs, outputs: pipeline.latestVersion.outputs, pipeline: pipeline.name)
            let summarizer = body.summarizer ?? AssaySummarizer()
            try AssayCalculator.check(body.thresholds)
            let plan = try AssayWindowPlan(body.windows)
            let count = body.windows.count ?? Swift.min(plan.closedCount(at: Self.millis(Date())), Self.maxPreviewWindows)
            guard (0...Self.maxPreviewWindows).contains(count) else {
                throw APIError.badRequest("windows.count \(count) is out of range; a preview scores 1 to \(Self.maxPreviewWindows) windows")
            }
            let reply = try await Blocking.run("lastmile-assay-preview") {
                let baseline = try self.assayBaseline(body.baseline, pipeline: pipeline.name, path: path, summarizer: summarizer)
                let job = AssayJob(pipeline: pipeline.name, path: path, baseline: baseline, summarizer: summarizer, thresholds: body.thresholds, minCount: try Self.minCount(body.minCount), plan: plan)
                let windows = try (0..<count).map { try self.scoreWindow(job, index: $0) }
                return AssayPreviewReply(metric: summarizer.metric, baseline: baseline.summary, windows: windows)
            }
            return try Response.json(reply)
        }
        router.post("/v1/assays") { request, context in
            let caller = try context.requireUser()
            let body = try await request.decodeJSON(CreateAssayRequest.self, limit: self.configuration.maxRequestBytes)
            let workspace = try self.requireWorkspace(body.workspace)
            try self.authenticator.require(.collaborator, in: workspace.name, for: caller, to: "create assays")
            let assay = try await self.makeAssay(body)
            return try Response.json(try self.store.createAssay(assay), status: .created)
        }
        router.get("/v1/assays") { request, context in
            let caller = try context.requireUser()
            guard let name = request.uri.queryParameters.get("workspace") else {
                throw APIError.badRequest("give the workspace to list: GET /v1/assays?workspace=<name>")
            }
            let workspace = try self.requireWorkspace(name)
            try self.authenticator.require(.viewer, in: workspace.name, for: caller, to: "read assays")
            return try Response.json(try self.store.assays(workspace: workspace.name))
        }
        router.get("/v1/assays/{id}") { _, context in
            try Response.json(try self.requireAssay(context, role: .viewer, to: "read assays"))
        }
        router.get("/v1/assays/{id}/results") { request, context in
            let assay = try self.requireAssay(context, role: .viewer, to: "read assays")
            let parameters = request.uri.queryParameters
            let start = try parameters.get("start").map { try LogQueryParameters.time($0, name: "start") }
            let end = try parameters.get("end").map { try LogQueryParameters.time($0, name: "end") }
            let results = try self.store.assayResults(
                id: assay.id, start: start.map { Date(timeIntervalSince1970: Double($0) / 1000) }, end: end.map { Date(timeIntervalSince1970: Double($0) / 1000) }
            )
            if let format = parameters.get("format"), format != "json" {
                guard format == "svg" else { throw APIError.badRequest("format \"\(format.prefix(20))\" is not json or svg") }
                return Response.svg(ChartViews.assayResults(assay, results: results))
            }
            return try Response.json(results)
        }
        router.get("/v1/assays/{id}/alerts") { _, context in
            let assay = try self.requireAssay(context, role: .viewer, to: "read assays")
            return try Response.json(try self.store.alertDeliveries(assayId: assay.id))
        }
        router.post("/v1/assays/{id}/active") { request, context in
            let assay = try self.requireAssay(context, role: .collaborator, to: "change assays")
            let body = try await request.decodeJSON(SetAssayActiveRequest.self, limit: self.configuration.maxRequestBytes)
            return try Response.json(try self.store.setAssayActive(id: assay.id, active: body.active))
        }
        router.delete("/v1/assays/{id}") { _, context in
            let assay = try self.requireAssay(context, role: .collaborator, to: "delete assays")
            try self.store.deleteAssay(id: assay.id)
            return try Response.json(EmptyReply())
        }
    }

    /// The assay a create request describes, with its baseline summarised (not yet stored).
    private func makeAssay(_ body: CreateAssayRequest) async throws -> Assay {
        if let problem = ResourceName.problem(with: body.name, kind: "assay") { throw APIError.badRequest(problem) }
        guard let pipeline = try store.pipeline(named: body.pipeline) else {
            throw APIError.notFound("there is no pipeline named \"\(body.pipeline.prefix(63))\"")
        }
        guard pipeline.workspace == body.workspace else {
            throw APIError.badRequest("pipeline \"\(pipeline.name)\" belongs to workspace \"\(pipeline.workspace)\", not \"\(body.workspace)\"; create the assay there")
        }
        let path = try AssayIOPath(body.iopath)
        try path.check(inputs: pipeline.latestVersion.inputs, outputs: pipeline.latestVersion.outputs, pipeline: pipeline.name)
        let summarizer = body.summarizer ?? AssaySummarizer()
        try AssayCalculator.check(body.thresholds)
        _ = try AssayWindowPlan(body.windows)
        if let count = body.windows.count, count < 1 {
            throw APIError.badRequest("windows.count \(count) is below 1; leave it out to score windows for as long as the assay is active")
        }
        let minCount = try Self.minCount(body.minCount)
        let alertAfter = body.alertAfter ?? 1
        guard alertAfter >= 1 else { throw APIError.badRequest("alertAfter \(alertAfter) is below 1") }
        if let webhook = body.webhook {
            guard let url = URL(string: webhook), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw APIError.badRequest("webhook \"\(webhook.prefix(80))\" is not an http(s) URL")
            }
        }
        let baseline = try await Blocking.run("lastmile-assay-baseline") {
            try self.assayBaseline(body.baseline, pipeline: pipeline.name, path: path, summarizer: summarizer)
        }
        return Assay(
            id: "", name: body.name, workspace: body.workspace, pipeline: pipeline.name, iopath: path.description,
            baseline: baseline.summary, baselineStart: body.baseline.start, baselineEnd: body.baseline.end, windows: body.windows,
            summarizer: summarizer, thresholds: body.thresholds ?? AssayThresholds(alert: AssayThresholds.defaultAlert),
            minCount: minCount, alertAfter: alertAfter, alertOnWarning: body.alertOnWarning ?? false, webhook: body.webhook,
            active: body.active ?? true, nextWindow: 0, createdAt: Date()
        )
    }

    /// The `minCount` of a request (100 when not given), at least 1.
    static func minCount(_ value: Int?) throws -> Int {
        let count = value ?? 100
        guard count >= 1 else { throw APIError.badRequest("minCount \(count) is below 1") }
        return count
    }

    /// The assay the route's `{id}` names, after checking the caller's role in its workspace.
    private func requireAssay(_ context: LastmileRequestContext, role: WorkspaceRole, to action: String) throws -> Assay {
        let caller = try context.requireUser()
        let id = try context.parameters.require("id")
        guard let assay = try store.assay(id: id) else {
            throw APIError.notFound("there is no assay with id \"\(id.prefix(40))\"; list assays with GET /v1/assays?workspace=<name>")
        }
        try authenticator.require(role, in: assay.workspace, for: caller, to: action)
        return assay
    }
}
