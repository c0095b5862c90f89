import Foundation

/// A horizontal bar chart of signed values (such as SHAP contributions): one labelled bar per
/// item, growing right from zero for positive values and left for negative ones.
public struct BarChart: Sendable {
    /// One bar.
    public struct Bar: Sendable {
        public var label: String
        public var value: Double

        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    public var title: String
    public var xLabel: String
    public var bars: [Bar]
    /// One colour for every bar instead of red for positive and blue for negative.
    public var singleColor: String?
    public var width: Double = 640
    /// Height of one bar's row.
    public var rowHeight: Double = 22

    public init(title: String, xLabel: String, bars: [Bar]) {
        self.title = title
        self.xLabel = xLabel
        self.bars = bars
    }

    /// The chart as a standalone SVG element.
    public func svg() -> String {
        let labelWidth = min(200, max(60, Double(bars.map(\.label.count).max() ?? 4) * 6.6 + 12))
        let left = labelWidth, right = 56.0, top = 10.0, bottom = 38.0
        let height = top + bottom + rowHeight * Double(max(bars.count, 1))
        var doc = SVGDocument(width: width, height: height)
        let plotWidth = width - left - right
        doc.rect(x: 0, y: 0, width: width, height: height, class: "bg")
        let values = bars.map(\.value).filter(\.isFinite)
        let scale = NiceScale(minimum: min(values.min() ?? 0, 0), maximum: max(values.max() ?? 1, 0))
        func x(_ value: Double) -> Double { left + scale.fraction(value) * plotWidth }
        let plotBottom = top + rowHeight * Double(max(bars.count, 1))

        doc.openGroup(["class": "x-axis"])
        for tick in scale.ticks {
            doc.line(x(tick), top, x(tick), plotBottom, class: "grid")
            doc.text(scale.label(tick), x: x(tick), y: plotBottom + 14, anchor: "middle", class: "tick")
        }
        doc.closeGroup()
        doc.text(xLabel, x: left + plotWidth / 2, y: plotBottom + 30, anchor: "middle", class: "label")
        doc.openGroup(["class": "bars"])
        for (index, bar) in bars.enumerated() {
            let rowY = top + Double(index) * rowHeight
            let value = bar.value.isFinite ? bar.value : 0
            let from = x(min(value, 0)), to = x(max(value, 0))
            let color = singleColor ?? (value >= 0 ? ChartPalette.positive : ChartPalette.negative)
            doc.text(HistogramChart.shorten(bar.label), x: left - 8, y: rowY + rowHeight / 2 + 4, anchor: "end", class: "tick")
            doc.rect(x: from, y: rowY + 3, width: to - from, height: rowHeight - 6, class: "bar", fill: color, title: "\(bar.label): \(Self.format(value))")
            let labelX = value >= 0 ? to + 4 : from - 4
            doc.text(Self.format(value), x: labelX, y: rowY + rowHeight / 2 + 4, anchor: value >= 0 ? "start" : "end", class: "value")
        }
        doc.closeGroup()
        doc.line(x(0), top, x(0), plotBottom, class: "axis")
        if bars.isEmpty {
            doc.text("nothing to show", x: left + plotWidth / 2, y: top + rowHeight / 2 + 4, anchor: "middle", class: "empty")
        }
        return doc.render(title: title)
    }

    /// A value with four significant digits.
    static func format(_ value: Double) -> String {
        if value == 0 { return "0" }
        return String(format: "%.4g", value)
    }
}
