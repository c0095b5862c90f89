import Foundation
import LastmileAPI
import LastmileCharts

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
