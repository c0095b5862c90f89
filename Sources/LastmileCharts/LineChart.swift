/// A time series chart: one line (optionally filled as an area) per series over a time axis,
/// with nice y ticks, a legend and optional horizontal threshold lines.
public struct LineChart: Sendable {
    /// One line: (seconds since 1970, value) points in time order; NaN values break the line.
    public struct Series: Sendable {
        public var name: String
        public var points: [(time: Double, value: Double)]

        public init(name: String, points: [(time: Double, value: Double)]) {
            self.name = name
            self.points = points
        }
    }

    /// A horizontal line across the plot, such as an alert threshold.
    public struct Threshold: Sendable {
        public var name: String
        public var value: Double
        public var color: String

        public init(name: String, value: Double, color: String) {
            self.name = name
            self.value = value
            self.color = color
        }
    }

    /// How the x axis reads: seconds since 1970 labelled as UTC times, or plain numbers.
    public enum XAxis: Sendable {
        case time
        case numeric(label: String)
    }

    public var title: String
    public var yLabel: String
    public var series: [Series]
    public var xAxis = XAxis.time
    /// Colours per series in order; the palette's when nil.
    public var seriesColors: [String]?
    /// Draw the legend (when there is more than one series).
    public var showLegend = true
    public var thresholds: [Threshold] = []
    /// Fill the area under each line.
    public var area = false
    /// The time range to show; the data's range when nil.
    public var timeRange: (start: Double, end: Double)?
    public var width: Double = 640
    public var height: Double = 240

    public init(title: String, yLabel: String, series: [Series]) {
        self.title = title
        self.yLabel = yLabel
        self.series = series
    }

    /// The chart as a standalone SVG element.
    public func svg() -> String {
        var doc = SVGDocument(width: width, height: height)
        let left = 58.0, right = 28.0, top = 26.0
        let bottom: Double = if case .numeric = xAxis { 40 } else { 30 }
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        doc.rect(x: 0, y: 0, width: width, height: height, class: "bg")

        let finite = series.flatMap { $0.points }.filter { $0.value.isFinite && $0.time.isFinite }
        let times = finite.map(\.time)
        let range = timeRange ?? (times.min() ?? 0, times.max() ?? 60)
        let timeScale = TimeScale(start: range.start, end: range.end)
        let numericScale = NiceScale(minimum: range.start, maximum: range.end, ticks: 6)
        let values = finite.map(\.value) + thresholds.map(\.value)
        let yScale = NiceScale(minimum: min(values.min() ?? 0, 0), maximum: values.max() ?? 1)
        func x(_ time: Double) -> Double {
            switch xAxis {
            case .time: left + timeScale.fraction(time) * plotWidth
            case .numeric: left + numericScale.fraction(time) * plotWidth
            }
        }
        func y(_ value: Double) -> Double { top + (1 - yScale.fraction(value)) * plotHeight }

        doc.openGroup(["class": "y-axis"])
        for tick in yScale.ticks {
            doc.line(left, y(tick), left + plotWidth, y(tick), class: "grid")
            doc.text(yScale.label(tick), x: left - 6, y: y(tick) + 4, anchor: "end", class: "tick")
        }
        doc.closeGroup()
        doc.openGroup(["class": "x-axis"])
        doc.line(left, top + plotHeight, left + plotWidth, top + plotHeight, class: "axis")
        let xTicks: [(Double, String)] = switch xAxis {
        case .time: timeScale.ticks.map { ($0, timeScale.label($0)) }
        case .numeric: numericScale.ticks.map { ($0, numericScale.label($0)) }
        }
        for (tick, label) in xTicks {
            doc.line(x(tick), top + plotHeight, x(tick), top + plotHeight + 4, class: "axis")
            doc.text(label, x: x(tick), y: top + plotHeight + 16, anchor: "middle", class: "tick")
        }
        if case .numeric(let label) = xAxis {
            doc.text(label, x: left + plotWidth, y: height - 2, anchor: "end", class: "label")
        }
        doc.closeGroup()
        doc.text(yLabel, x: 4, y: 14, class: "label")

        if finite.isEmpty {
            doc.text("no data yet", x: left + plotWidth / 2, y: top + plotHeight / 2, anchor: "middle", class: "empty")
        }
        for (index, line) in series.enumerated() {
            let color = seriesColors.flatMap { $0.indices.contains(index) ? $0[index] : nil } ?? ChartPalette.color(index)
            doc.openGroup(["class": "series-group", "data-series": line.name])
            for run in Self.runs(line.points) {
                let points = run.map { (x($0.time), y($0.value)) }
                if area, let first = points.first, let last = points.last {
                    doc.path([(first.0, y(max(yScale.lower, 0)))] + points + [(last.0, y(max(yScale.lower, 0)))], closed: true, class: "area", fill: color)
                }
                if points.count == 1, let only = points.first {
                    doc.element("circle", ["cx": SVGDocument.number(only.0), "cy": SVGDocument.number(only.1), "r": "2.5", "fill": color])
                } else {
                    doc.path(points, class: "series", stroke: color)
                }
            }
            doc.closeGroup()
        }
        for threshold in thresholds where threshold.value.isFinite {
            doc.element("line", ["x1": SVGDocument.number(left), "y1": SVGDocument.number(y(threshold.value)), "x2": SVGDocument.number(left + plotWidth), "y2": SVGDocument.number(y(threshold.value)), "class": "threshold", "stroke": threshold.color])
            doc.element("text", ["x": SVGDocument.number(left + plotWidth - 4), "y": SVGDocument.number(y(threshold.value) - 4), "text-anchor": "end", "class": "threshold-label", "fill": threshold.color], text: "\(threshold.name) \(yScale.label(threshold.value))")
        }
        if showLegend {
            Legend.draw(series.map(\.name), into: &doc, right: width - right, y: 12, colors: seriesColors)
        }
        return doc.render(title: title)
    }

    /// The stretches of consecutive finite points.
    static func runs(_ points: [(time: Double, value: Double)]) -> [[(time: Double, value: Double)]] {
        var runs: [[(time: Double, value: Double)]] = []
        var current: [(time: Double, value: Double)] = []
        for point in points {
            if point.value.isFinite, point.time.isFinite {
                current.append(point)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}

/// Coloured swatches and names, right-aligned on one line.
enum Legend {
    static func draw(_ names: [String], into doc: inout SVGDocument, right: Double, y: Double, colors: [String]? = nil) {
        guard names.count > 1 else { return }
        var x = right
        doc.openGroup(["class": "legend-group"])
        for (index, name) in names.enumerated().reversed() {
            let textWidth = Double(name.count) * 6.2
            x -= textWidth
            doc.text(name, x: x, y: y + 4, class: "legend")
            x -= 14
            doc.rect(x: x, y: y - 4, width: 10, height: 10, class: "swatch", fill: colors.flatMap { $0.indices.contains(index) ? $0[index] : nil } ?? ChartPalette.color(index))
            x -= 12
        }
        doc.closeGroup()
    }
}
