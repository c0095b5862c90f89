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

/// The routes of a split or shadow over the last hour, side by side.
struct RoutesPanel {
    struct Row {
        var step: Int
        var model: String
        var version: String
        var role: String
        var runs: Int
        var rows: Int
        var errors: Int
        var errorRate: String
        var p50: String
        var p99: String
        var means: String
        var difference: String
    }

    var rows: [Row]
    var rowsChart: String
    var latencyChart: String

    init(_ report: PipelineRoutesReport) {
        func label(_ route: RouteSummary) -> String { "\(route.model) (\(route.role))" }
        func describe(_ values: [String: Double]?) -> String {
            (values ?? [:]).keys.sorted().map { "\($0) \(UIFormat.number(values?[$0] ?? 0))" }.joined(separator: ", ")
        }
        rows = report.routes.map { route in
            Row(step: route.step, model: route.model, version: String(route.version.prefix(8)), role: route.role, runs: route.runs, rows: route.rows, errors: route.errors,
                errorRate: String(format: "%.2f%%", route.errorRate * 100), p50: UIFormat.latency(route.latencyP50Seconds), p99: UIFormat.latency(route.latencyP99Seconds),
                means: describe(route.outputMeans), difference: describe(route.meanAbsoluteDifference))
        }
        var rowsBars = BarChart(title: "rows per route, last hour", xLabel: "rows", bars: report.routes.map { .init(label: label($0), value: Double($0.rows)) })
        rowsBars.singleColor = ChartPalette.color(0)
        rowsChart = rowsBars.svg()
        var latencyBars = BarChart(title: "latency p99 per route, last hour", xLabel: "p99 latency (ms)", bars: report.routes.map { .init(label: label($0), value: ($0.latencyP99Seconds ?? 0) * 1000) })
        latencyBars.singleColor = ChartPalette.color(1)
        latencyChart = latencyBars.svg()
    }
}

/// A canary's state, its challenger's share over time and its history.
struct CanaryPanel {
    struct Event {
        var at: String
        var event: String
        var share: String
        var version: Int
        var message: String
    }

    var state: String
    var challenger: String
    var champion: String
    var share: String
    var step: String
    var plan: String
    var reason: String?
    var chart: String
    var events: [Event]

    init(_ canary: Canary) {
        state = canary.state.rawValue
        challenger = canary.challenger.name + (canary.challenger.version.map { ":" + $0.prefix(8) } ?? "")
        champion = canary.champion.name + (canary.champion.version.map { ":" + $0.prefix(8) } ?? "")
        share = UIFormat.number(canary.share) + "%"
        step = "step \(min(canary.currentStep + 1, canary.shares.count)) of \(canary.shares.count)"
        plan = canary.shares.map { UIFormat.number($0) + "%" }.joined(separator: " → ") + ", every \(canary.intervalSeconds) s"
        reason = canary.reason
        var points = canary.history.map { ($0.at.timeIntervalSince1970, $0.share) }
        if canary.state == .running { points.append((Date().timeIntervalSince1970, canary.share)) }
        var line = LineChart(title: "challenger's share", yLabel: "share (%)", series: [.init(name: "share", points: points.map { (time: $0.0, value: $0.1) })])
        line.area = true
        chart = line.svg()
        events = canary.history.reversed().map {
            Event(at: UIFormat.time($0.at), event: $0.event, share: UIFormat.number($0.share) + "%", version: $0.pipelineVersion, message: $0.message)
        }
    }
}

/// The pipelines page's model.
struct PipelineListPage {
    struct Row {
        var name: String
        var workspace: String
        var version: Int
        var state: String
        var steps: String
    }

    var pipelines: [Row]
    var workspaces: [String]
    var csrf: String

    init(pipelines: [Pipeline], workspaces: [Workspace], csrf: String) {
        self.pipelines = pipelines.map { pipeline in
            Row(
                name: pipeline.name, workspace: pipeline.workspace, version: pipeline.latestVersion.version,
                state: pipeline.deployment.map { "\($0.state.rawValue)" } ?? "none",
                steps: pipeline.latestVersion.steps.map { step in
                    let box = UIFormat.stepBox(step)
                    return "\(box.kind)(\(box.routes.joined(separator: ", ")))"
                }.joined(separator: " → "))
        }
        self.workspaces = workspaces.map(\.name)
        self.csrf = csrf
    }
}

/// The pipeline page's model.
struct PipelinePage {
    struct VersionRow {
        var version: Int
        var created: String
        var steps: [UIFormat.StepBox]
        var deployed: Bool
        var canRollTo: Bool
    }

    var name: String
    var workspace: String
    var state: String
    var deployment: Deployment?
    var deployedVersion: String
    var updated: String
    var inputs: String
    var outputs: String
    var diagram: [UIFormat.StepBox]
    var versions: [VersionRow]
    var canDeploy: Bool
    var csrf: String
    var config: DeploymentConfig
    var latest: Int
    var previous: Int?
    var failed: String?

    init(pipeline: Pipeline, versions: [PipelineVersion], canDeploy: Bool, csrf: String) {
        name = pipeline.name
        workspace = pipeline.workspace
        state = pipeline.deployment?.state.rawValue ?? "none"
        deployment = pipeline.deployment
        deployedVersion = pipeline.deployment.map { "\($0.version)" } ?? "–"
        updated = pipeline.deployment.map { UIFormat.time($0.updatedAt) } ?? ""
        let shown = versions.first { $0.version == pipeline.deployment?.version } ?? pipeline.latestVersion
        inputs = UIFormat.signature(shown.inputs)
        outputs = UIFormat.signature(shown.outputs)
        diagram = shown.steps.map(UIFormat.stepBox)
        self.versions = versions.reversed().map { version in
            VersionRow(
                version: version.version, created: UIFormat.time(version.createdAt), steps: version.steps.map(UIFormat.stepBox),
                deployed: version.version == pipeline.deployment?.version, canRollTo: canDeploy && version.version != pipeline.deployment?.version)
        }
        self.canDeploy = canDeploy
        self.csrf = csrf
        config = pipeline.deployment?.config ?? DeploymentConfig()
        latest = pipeline.latestVersion.version
        if let deployed = pipeline.deployment?.version, deployed > 1 { previous = deployed - 1 }
        failed = pipeline.deployment?.error
    }
}
