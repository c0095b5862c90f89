import Foundation
import Hummingbird
import LastmileAPI

extension Platform {
    func addUIAssayRoutes(to router: Router<LastmileRequestContext>, api: InternalAPI, renderer: UIRenderer) {
        uiGet(router, "/ui/assays", api: api, renderer: renderer) { ui in
            let workspaces: [Workspace] = try await ui.call(.get, "/v1/workspaces")
            guard let workspace = ui.query("workspace") ?? workspaces.first?.name else {
                return ui.page("error", ["heading": "No workspaces", "message": "Assays belong to a workspace; create one first."], title: "Assays", section: "assays")
            }
            let assays: [Assay] = try await ui.call(.get, "/v1/assays?workspace=\(workspace.queryEscaped)")
            var rows: [AssayListPage.Row] = []
            for assay in assays {
                let results: [AssayWindowResult] = try await ui.call(.get, "/v1/assays/\(assay.id.pathEscaped)/results")
                rows.append(AssayListPage.Row(assay: assay, last: results.last))
            }
            let page = AssayListPage(workspace: workspace, workspaces: workspaces.map { .init(name: $0.name, selected: $0.name == workspace) }, assays: rows)
            return ui.page("assays", page, title: "Assays", section: "assays")
        }
        uiGet(router, "/ui/assays/new", api: api, renderer: renderer) { ui in
            let pipelines: [Pipeline] = try await ui.call(.get, "/v1/pipelines")
            let workspace = ui.query("workspace") ?? pipelines.first?.workspace ?? ""
            let now = Date()
            let page = AssayFormPage(
                workspace: workspace, pipelines: pipelines.filter { $0.workspace == workspace }.map { .init(name: $0.name, selected: $0.name == ui.query("pipeline")) },
                baselineStart: AssayFormPage.local(now.addingTimeInterval(-3600)), baselineEnd: AssayFormPage.local(now.addingTimeInterval(-1800)),
                windowStart: AssayFormPage.local(now.addingTimeInterval(-1800)), csrf: ui.session.csrf)
            return ui.page("assay-new", page, title: "New assay", section: "assays")
        }
        uiPost(router, "/ui/assays/preview", api: api, renderer: renderer) { ui in
            let request = try AssayForm(ui.form).previewRequest()
            let reply: AssayPreviewReply = try await ui.call(.post, "/v1/assays/preview", json: request)
            let model = AssayPreviewFragment(reply: reply, thresholds: request.thresholds ?? AssayThresholds(), iopath: request.iopath)
            return UIRenderer.html(ui.renderer.fragment("assay-preview", model))
        }
        uiPost(router, "/ui/assays", api: api, renderer: renderer) { ui in
            let request = try AssayForm(ui.form).createRequest()
            let assay: Assay = try await ui.call(.post, "/v1/assays", json: request)
            return Self.redirect("/ui/assays/\(assay.id.pathEscaped)?flash=" + "created assay \(assay.name)".queryEscaped)
        }
        uiGet(router, "/ui/assays/{id}", api: api, renderer: renderer) { ui in
            let id = try ui.context.parameters.require("id")
            let assay: Assay = try await ui.call(.get, "/v1/assays/\(id.pathEscaped)")
            let results: [AssayWindowResult] = try await ui.call(.get, "/v1/assays/\(id.pathEscaped)/results")
            return ui.page("assay", AssayPage(assay: assay, results: results, csrf: ui.session.csrf), title: assay.name, section: "assays")
        }
        uiPost(router, "/ui/assays/{id}/active", api: api, renderer: renderer) { ui in
            let id = try ui.context.parameters.require("id")
            let assay: Assay = try await ui.call(.post, "/v1/assays/\(id.pathEscaped)/active", json: SetAssayActiveRequest(active: ui.form["active"] == "true"))
            return Self.redirect("/ui/assays/\(id.pathEscaped)?flash=" + "assay \(assay.name) is \(assay.active ? "active" : "paused")".queryEscaped)
        }
        uiPost(router, "/ui/assays/{id}/delete", api: api, renderer: renderer) { ui in
            let id = try ui.context.parameters.require("id")
            let assay: Assay = try await ui.call(.get, "/v1/assays/\(id.pathEscaped)")
            let _: EmptyReply = try await ui.call(.delete, "/v1/assays/\(id.pathEscaped)")
            return Self.redirect("/ui/assays?workspace=\(assay.workspace.queryEscaped)&flash=" + "deleted assay \(assay.name)".queryEscaped)
        }
    }
}

/// The fields of the assay form, checked into API requests.
struct AssayForm {
    var form: FormData

    init(_ form: FormData) {
        self.form = form
    }

    func date(_ name: String, label: String) throws -> Date? {
        guard let text = form.text(name) else { return nil }
        guard let date = APICoding.parseDate(LogFilter.iso(text)) else {
            throw UIError(status: .badRequest, message: "\(label) \"\(text.prefix(30))\" is not a time such as 2026-11-27T01:50")
        }
        return date
    }

    func required(_ name: String, label: String) throws -> String {
        guard let text = form.text(name) else { throw UIError(status: .badRequest, message: "give the \(label)") }
        return text
    }

    func previewRequest() throws -> AssayPreviewRequest {
        guard let windowStart = try date("windowStart", label: "the first window's start") else {
            throw UIError(status: .badRequest, message: "give the first window's start")
        }
        let metric = try form.text("metric").map { text in
            guard let metric = AssayMetric(rawValue: text) else { throw UIError(status: .badRequest, message: "metric \"\(text.prefix(20))\" is not known") }
            return metric
        } ?? .psi
        let mode = try form.text("binMode").map { text in
            guard let mode = AssayBinMode(rawValue: text) else { throw UIError(status: .badRequest, message: "bin mode \"\(text.prefix(20))\" is not known") }
            return mode
        } ?? .quantile
        return AssayPreviewRequest(
            pipeline: try required("pipeline", label: "pipeline"), iopath: try required("iopath", label: "field (such as in.X[0])"),
            baseline: AssayBaseline(start: try date("baselineStart", label: "the baseline's start"), end: try date("baselineEnd", label: "the baseline's end")),
            windows: AssayWindows(start: windowStart, width: form.text("width") ?? "10m", count: try form.integer("count", label: "windows")),
            summarizer: AssaySummarizer(binMode: mode, numBins: try form.integer("numBins", label: "bins"), metric: metric),
            thresholds: AssayThresholds(warning: try form.number("warning", label: "warning threshold"), alert: try form.number("alert", label: "alert threshold")),
            minCount: try form.integer("minCount", label: "minimum count"))
    }

    func createRequest() throws -> CreateAssayRequest {
        let preview = try previewRequest()
        return CreateAssayRequest(
            workspace: try required("workspace", label: "workspace"), name: try required("name", label: "assay's name"),
            pipeline: preview.pipeline, iopath: preview.iopath, baseline: preview.baseline, windows: AssayWindows(start: preview.windows.start, width: preview.windows.width),
            summarizer: preview.summarizer, thresholds: preview.thresholds, minCount: preview.minCount, webhook: form.text("webhook"))
    }
}

/// A named choice in a select box.
struct UIOption {
    var name: String
    var selected: Bool
}

struct AssayListPage {
    struct Row {
        var id: String
        var name: String
        var pipeline: String
        var iopath: String
        var metric: String
        var active: Bool
        var status: String
        var score: String
        var window: String

        init(assay: Assay, last: AssayWindowResult?) {
            id = assay.id
            name = assay.name
            pipeline = assay.pipeline
            iopath = assay.iopath
            metric = assay.summarizer.metric.rawValue
            active = assay.active
            status = last?.status.rawValue ?? "none"
            score = last?.score.map(UIFormat.number) ?? "–"
            window = last.map { UIFormat.time($0.start) } ?? "no window scored yet"
        }
    }

    var workspace: String
    var workspaces: [UIOption]
    var assays: [Row]
}

struct AssayFormPage {
    var workspace: String
    var pipelines: [UIOption]
    var baselineStart: String
    var baselineEnd: String
    var windowStart: String
    var csrf: String
    var metrics = AssayMetric.allCases.map(\.rawValue)

    /// A date as a datetime-local value in UTC.
    static func local(_ date: Date) -> String {
        String(UIFormat.time(date).prefix(19)).replacingOccurrences(of: " ", with: "T")
    }
}

/// The preview's charts and table.
struct AssayPreviewFragment {
    struct Row {
        var start: String
        var count: Int
        var score: String
        var status: String
    }

    var scores: String
    var histogram: String
    var rows: [Row]
    var baselineCount: Int

    init(reply: AssayPreviewReply, thresholds: AssayThresholds, iopath: String) {
        scores = ChartViews.assayScores(name: iopath, metric: reply.metric, thresholds: thresholds, windows: reply.windows)
        let last = reply.windows.last { $0.summary.count > 0 }
        histogram = ChartViews.assayHistogram(title: "\(iopath): baseline vs \(last.map { "window from " + UIFormat.time($0.start) } ?? "no window")", baseline: reply.baseline, window: last?.summary)
        rows = reply.windows.map { Row(start: UIFormat.time($0.start), count: $0.summary.count, score: $0.score.map(UIFormat.number) ?? "–", status: $0.status.rawValue) }
        baselineCount = reply.baseline.count
    }
}

struct AssayPage {
    var assay: Assay
    var metric: String
    var baselineRange: String
    var width: String
    var thresholds: String
    var scores: String
    var histogram: String
    var rows: [AssayPreviewFragment.Row]
    var csrf: String

    init(assay: Assay, results: [AssayWindowResult], csrf: String) {
        self.assay = assay
        self.csrf = csrf
        metric = assay.summarizer.metric.rawValue
        baselineRange = [assay.baselineStart, assay.baselineEnd].map { $0.map(UIFormat.time) ?? "given values" }.joined(separator: " to ")
        width = assay.windows.width
        thresholds = "warning \(assay.thresholds.warning.map(UIFormat.number) ?? "–"), alert \(assay.thresholds.alert.map(UIFormat.number) ?? "–")"
        scores = ChartViews.assayScores(name: assay.name, metric: assay.summarizer.metric, thresholds: assay.thresholds, windows: results)
        let last = results.last { $0.summary.count > 0 }
        histogram = ChartViews.assayHistogram(title: "\(assay.iopath): baseline vs \(last.map { "window from " + UIFormat.time($0.start) } ?? "no window yet")", baseline: assay.baseline, window: last?.summary)
        rows = results.reversed().map { .init(start: UIFormat.time($0.start), count: $0.summary.count, score: $0.score.map(UIFormat.number) ?? "–", status: $0.status.rawValue) }
    }
}
