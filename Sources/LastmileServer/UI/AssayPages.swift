import Foundation
import LastmileAPI

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
