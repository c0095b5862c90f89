import Foundation
import Hummingbird
import LastmileAPI
import LastmileCharts

extension Platform {
    func addUIPipelineRoutes(to router: Router<LastmileRequestContext>, api: InternalAPI, renderer: UIRenderer) {
        uiGet(router, "/ui/pipelines", api: api, renderer: renderer) { ui in
            let pipelines: [Pipeline] = try await ui.call(.get, "/v1/pipelines")
            let workspaces: [Workspace] = try await ui.call(.get, "/v1/workspaces")
            return ui.page("pipelines", PipelineListPage(pipelines: pipelines, workspaces: workspaces, csrf: ui.session.csrf), title: "Pipelines", section: "pipelines")
        }
        uiPost(router, "/ui/pipelines", api: api, renderer: renderer) { ui in
            guard let name = ui.form.text("name") else { throw UIError(status: .badRequest, message: "give the pipeline a name") }
            guard let workspace = ui.form.text("workspace") else { throw UIError(status: .badRequest, message: "choose a workspace") }
            let steps: [PipelineStep]
            if let json = ui.form.text("steps") {
                do {
                    steps = try APICoding.decoder().decode([PipelineStep].self, from: Data(json.utf8))
                } catch {
                    throw UIError(status: .badRequest, message: "the steps are not a JSON list of steps such as [{\"model\": {\"name\": \"my-model\"}}]: \(error)")
                }
            } else if let models = ui.form.text("models") {
                steps = models.split(separator: ",").map { .model(ModelReference(name: $0.trimmingCharacters(in: .whitespaces))) }
            } else {
                throw UIError(status: .badRequest, message: "name the models to chain (comma-separated) or give the steps as JSON")
            }
            let version: PipelineVersion = try await ui.call(.put, "/v1/pipelines/\(name.pathEscaped)", json: CreatePipelineRequest(workspace: workspace, steps: steps))
            return Self.redirect("/ui/pipelines/\(name.pathEscaped)?flash=" + "created pipeline \(version.pipeline) version \(version.version)".queryEscaped)
        }
        uiGet(router, "/ui/pipelines/{pipeline}", api: api, renderer: renderer) { ui in
            let name = try ui.context.parameters.require("pipeline")
            let pipeline: Pipeline = try await ui.call(.get, "/v1/pipelines/\(name.pathEscaped)")
            let versions: [PipelineVersion] = try await ui.call(.get, "/v1/pipelines/\(name.pathEscaped)/versions")
            let me = try await ui.me()
            let workspace: Workspace = try await ui.call(.get, "/v1/workspaces/\(pipeline.workspace.pathEscaped)")
            let role = me.admin ? WorkspaceRole.owner : workspace.members.first { $0.user == me.name }?.role
            let model = PipelinePage(pipeline: pipeline, versions: versions, canDeploy: (role ?? .viewer) >= .collaborator, csrf: ui.session.csrf)
            return ui.page("pipeline", model, title: pipeline.name, section: "pipelines")
        }
        uiPost(router, "/ui/pipelines/{pipeline}/deploy", api: api, renderer: renderer) { ui in
            let name = try ui.context.parameters.require("pipeline")
            let form = ui.form
            var config: DeploymentConfig?
            if let replicas = try form.integer("replicas", label: "replicas") {
                let defaults = DeploymentConfig()
                config = DeploymentConfig(
                    replicas: replicas,
                    batching: BatchingConfig(
                        maxBatchSize: try form.integer("maxBatchSize", label: "max batch size") ?? defaults.batching.maxBatchSize,
                        maxDelayMicros: try form.integer("maxDelayMicros", label: "max delay") ?? defaults.batching.maxDelayMicros),
                    queueCapacity: try form.integer("queueCapacity", label: "queue capacity") ?? defaults.queueCapacity)
            }
            let request = DeployRequest(version: try form.integer("version", label: "version"), config: config)
            let deployment: Deployment = try await ui.call(.post, "/v1/pipelines/\(name.pathEscaped)/deploy", json: request)
            return Self.redirect("/ui/pipelines/\(name.pathEscaped)?flash=" + "version \(deployment.version) is \(deployment.state.rawValue) on \(deployment.replicas) replica(s)".queryEscaped)
        }
        uiPost(router, "/ui/pipelines/{pipeline}/undeploy", api: api, renderer: renderer) { ui in
            let name = try ui.context.parameters.require("pipeline")
            let _: EmptyReply = try await ui.call(.post, "/v1/pipelines/\(name.pathEscaped)/undeploy")
            return Self.redirect("/ui/pipelines/\(name.pathEscaped)?flash=" + "undeployed \(name)".queryEscaped)
        }
        uiGet(router, "/ui/pipelines/{pipeline}/dashboard", api: api, renderer: renderer) { ui in
            let name = try ui.context.parameters.require("pipeline")
            let pipeline: Pipeline = try await ui.call(.get, "/v1/pipelines/\(name.pathEscaped)")
            let live = try await self.dashboardLive(ui, pipeline: name)
            struct Model { var name: String; var workspace: String; var state: String; var live: String; var liveURL: String; var extraPanels: [String] }
            let model = Model(
                name: pipeline.name, workspace: pipeline.workspace, state: pipeline.deployment?.state.rawValue ?? "not deployed", live: live,
                liveURL: "/ui/pipelines/\(name.pathEscaped)/dashboard/live", extraPanels: try await self.dashboardPanels(ui, pipeline: pipeline))
            return ui.page("dashboard", model, title: "\(pipeline.name) dashboard", section: "pipelines")
        }
        uiGet(router, "/ui/pipelines/{pipeline}/dashboard/live", api: api, renderer: renderer) { ui in
            UIRenderer.html(try await self.dashboardLive(ui, pipeline: try ui.context.parameters.require("pipeline")))
        }
    }

    /// The dashboard's live part: the last hour's numbers and charts, re-fetched every few seconds.
    private func dashboardLive(_ ui: UIRequest, pipeline name: String) async throws -> String {
        let series: PipelineMetricsSeries = try await ui.call(.get, "/v1/pipelines/\(name.pathEscaped)/metrics/series?window=1h&step=1m")
        let summary: PipelineMetricsSummary = try await ui.call(.get, "/v1/pipelines/\(name.pathEscaped)/metrics?window=5m")
        struct Model {
            var requestsPerSecond, rowsPerSecond, p50, p99, errors, anomalies, requests, replicas, queueDepth, updated: String
            var traffic, latency, errorChart: String
        }
        let model = Model(
            requestsPerSecond: UIFormat.rate(summary.requestsPerSecond), rowsPerSecond: UIFormat.rate(summary.rowsPerSecond),
            p50: UIFormat.latency(summary.latencyP50Seconds), p99: UIFormat.latency(summary.latencyP99Seconds),
            errors: "\(summary.errors)", anomalies: "\(summary.anomalies)", requests: "\(summary.requests)",
            replicas: series.replicas.map(String.init) ?? "–", queueDepth: series.queueDepth.map(String.init) ?? "–",
            updated: UIFormat.time(Date()),
            traffic: ChartViews.metrics(series, chart: .traffic), latency: ChartViews.metrics(series, chart: .latency), errorChart: ChartViews.metrics(series, chart: .errors))
        return ui.renderer.fragment("dashboard-live", model)
    }

    /// Extra dashboard panels (HTML fragments) below the live charts: a split's or shadow's
    /// routes compared side by side (when the pipeline has any), and a canary's progress (when it
    /// has had one). Each is one or more `<div class="card">`; add further panels here.
    private func dashboardPanels(_ ui: UIRequest, pipeline: Pipeline) async throws -> [String] {
        var panels: [String] = []
        let routes = try await ui.send(.get, "/v1/pipelines/\(pipeline.name.pathEscaped)/routes?window=1h")
        if routes.status == .ok, let report = try? routes.decode(PipelineRoutesReport.self), report.routes.count > 1 {
            panels.append(ui.renderer.fragment("panel-routes", RoutesPanel(report)))
        }
        let canary = try await ui.send(.get, "/v1/pipelines/\(pipeline.name.pathEscaped)/canary")
        if canary.status == .ok, let value = try? canary.decode(Canary.self) {
            panels.append(ui.renderer.fragment("panel-canary", CanaryPanel(value)))
        }
        return panels
    }
}
