import Foundation
import LastmileAPI
import LastmileCharts

/// The charts the UI, the API's `format=svg` replies and the CLI's `--svg` draw from API
/// replies, in one place so all three show the same picture.
package enum ChartViews {
    /// Which metrics chart to draw.
    package enum MetricsChart: String, CaseIterable, Sendable {
        case traffic, latency, errors
    }

    /// Requests/s and rows/s, latency p50/p99 (ms), or errors and anomalies per interval.
    package static func metrics(_ series: PipelineMetricsSeries, chart: MetricsChart, width: Double = 640) -> String {
        let times = series.points.map { $0.time.timeIntervalSince1970 }
        let range = (start: times.first ?? 0, end: (times.last ?? 0) + Double(series.stepSeconds))
        var line: LineChart
        switch chart {
        case .traffic:
            line = LineChart(title: "\(series.pipeline): requests and rows per second", yLabel: "per second", series: [
                .init(name: "requests/s", points: series.points.map { ($0.time.timeIntervalSince1970, $0.requestsPerSecond) }),
                .init(name: "rows/s", points: series.points.map { ($0.time.timeIntervalSince1970, $0.rowsPerSecond) }),
            ])
            line.area = true
        case .latency:
            line = LineChart(title: "\(series.pipeline): latency", yLabel: "latency (ms)", series: [
                .init(name: "p50", points: series.points.map { ($0.time.timeIntervalSince1970, ($0.latencyP50Seconds ?? .nan) * 1000) }),
                .init(name: "p99", points: series.points.map { ($0.time.timeIntervalSince1970, ($0.latencyP99Seconds ?? .nan) * 1000) }),
            ])
        case .errors:
            line = LineChart(title: "\(series.pipeline): errors and anomalies", yLabel: "per interval", series: [
                .init(name: "errors", points: series.points.map { ($0.time.timeIntervalSince1970, Double($0.errors)) }),
                .init(name: "anomalies", points: series.points.map { ($0.time.timeIntervalSince1970, Double($0.anomalies)) }),
            ])
            line.area = true
        }
        line.timeRange = range
        line.width = width
        return line.svg()
    }

    /// An assay's scores window by window, with its warning and alert thresholds drawn.
    package static func assayScores(name: String, metric: AssayMetric, thresholds: AssayThresholds, windows: [AssayWindowResult], width: Double = 640) -> String {
        var chart = LineChart(title: "\(name): \(metric.rawValue) by window", yLabel: metric.rawValue, series: [
            .init(name: metric.rawValue, points: windows.map { ($0.start.timeIntervalSince1970, $0.score ?? .nan) }),
        ])
        if let warning = thresholds.warning { chart.thresholds.append(.init(name: "warning", value: warning, color: "#ca8a04")) }
        if let alert = thresholds.alert { chart.thresholds.append(.init(name: "alert", value: alert, color: "#dc2626")) }
        if let first = windows.first, let last = windows.last {
            chart.timeRange = (first.start.timeIntervalSince1970, last.end.timeIntervalSince1970)
        } else {
            let now = Date().timeIntervalSince1970
            chart.timeRange = (now - 3600, now)
        }
        chart.width = width
        return chart.svg()
    }

    /// The baseline's and a window's shares per bin, side by side.
    package static func assayHistogram(title: String, baseline: AssaySummary, window: AssaySummary?, width: Double = 640) -> String {
        var series: [HistogramChart.Series] = [.init(name: "baseline (\(baseline.count))", values: baseline.shares)]
        if let window { series.append(.init(name: "window (\(window.count))", values: window.shares)) }
        var chart = HistogramChart(title: title, yLabel: "share of values", bins: baseline.labels, series: series)
        chart.width = width
        return chart.svg()
    }

    /// One row's contributions to one output, largest magnitude first.
    package static func contributions(_ explanation: Explanation, row: Int, output: Int, limit: Int = 20, width: Double = 640) -> String {
        let values = explanation.values.indices.contains(row) ? explanation.values[row] : []
        let bars = explanation.features.enumerated().map { index, feature in
            BarChart.Bar(label: feature, value: values.indices.contains(index) && values[index].indices.contains(output) ? values[index][output] : 0)
        }.sorted { abs($0.value) > abs($1.value) }.prefix(limit)
        let outputName = explanation.outputs.indices.contains(output) ? explanation.outputs[output] : "output"
        let base = explanation.baseValues.indices.contains(output) ? explanation.baseValues[output] : 0
        var chart = BarChart(title: "row \(row + 1): contributions to \(outputName) (base value \(String(format: "%.4g", base)))", xLabel: "SHAP value (contribution to \(outputName))", bars: Array(bars))
        chart.width = width
        return chart.svg()
    }

    /// Mean |SHAP| per feature for one output, largest first.
    package static func importance(_ explanation: GlobalExplanation, output: Int, limit: Int = 20, width: Double = 640) -> String {
        let bars = explanation.features.enumerated().map { index, feature in
            BarChart.Bar(label: feature, value: explanation.meanAbs.indices.contains(index) && explanation.meanAbs[index].indices.contains(output) ? explanation.meanAbs[index][output] : 0)
        }.sorted { $0.value > $1.value }.prefix(limit)
        let outputName = explanation.outputs.indices.contains(output) ? explanation.outputs[output] : "output"
        var chart = BarChart(title: "global importance for \(outputName)", xLabel: "mean |SHAP value|", bars: Array(bars))
        chart.singleColor = ChartPalette.color(0)
        chart.width = width
        return chart.svg()
    }

    /// Partial dependence of one output on one feature: the average curve over a few ICE curves.
    package static func partialDependence(_ dependence: FeatureDependence, output: Int, outputName: String, iceCurves: Int = 10, width: Double = 420) -> String {
        var series: [LineChart.Series] = dependence.ice.prefix(iceCurves).enumerated().map { index, curve in
            .init(name: "ice \(index + 1)", points: zip(dependence.grid, curve).map { ($0, $1.indices.contains(output) ? $1[output] : .nan) })
        }
        series.append(.init(name: "average", points: zip(dependence.grid, dependence.average).map { ($0, $1.indices.contains(output) ? $1[output] : .nan) }))
        var chart = LineChart(title: "partial dependence of \(outputName) on \(dependence.feature)", yLabel: outputName, series: series)
        chart.xAxis = .numeric(label: dependence.feature)
        chart.showLegend = false
        chart.seriesColors = Array(repeating: "#bfdbfe", count: max(series.count - 1, 0)) + ["#1d4ed8"]
        chart.width = width
        chart.height = 220
        return chart.svg()
    }

    /// An assay's scores over time above the baseline-vs-latest-window histogram.
    package static func assayResults(_ assay: Assay, results: [AssayWindowResult]) -> String {
        let last = results.last { $0.summary.count > 0 }
        return SVGDocument.stack([
            assayScores(name: assay.name, metric: assay.summarizer.metric, thresholds: assay.thresholds, windows: results),
            assayHistogram(title: "\(assay.iopath): baseline vs latest window", baseline: assay.baseline, window: last?.summary),
        ])
    }

    /// Every row's contributions to every output, one chart above the other.
    package static func contributions(_ explanation: Explanation, limit: Int = 20) -> String {
        let charts = explanation.values.indices.flatMap { row in
            explanation.outputs.indices.map { contributions(explanation, row: row, output: $0, limit: limit) }
        }
        return charts.count == 1 ? charts[0] : SVGDocument.stack(charts)
    }
}
