/// Histograms side by side: for each bin, one bar per series (such as baseline and window),
/// with the bins' labels under the x axis and nice ticks on the y axis.
public struct HistogramChart: Sendable {
    /// One set of bars: a value per bin (shares or counts).
    public struct Series: Sendable {
        public var name: String
        public var values: [Double]

        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    public var title: String
    public var yLabel: String
    public var bins: [String]
    public var series: [Series]
    /// Formats a bar's value for its tooltip.
    public var valueFormat: @Sendable (Double) -> String = { NiceScale(minimum: 0, maximum: $0).label($0) }
    public var width: Double = 640
    public var height: Double = 260

    public init(title: String, yLabel: String, bins: [String], series: [Series]) {
        self.title = title
        self.yLabel = yLabel
        self.bins = bins
        self.series = series
    }

    /// The chart as a standalone SVG element.
    public func svg() -> String {
        var doc = SVGDocument(width: width, height: height)
        let left = 58.0, right = 16.0, top = 26.0
        let rotate = bins.count > 6
        let bottom = rotate ? 70.0 : 34.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        doc.rect(x: 0, y: 0, width: width, height: height, class: "bg")
        let values = series.flatMap(\.values).filter(\.isFinite)
        let scale = NiceScale(minimum: 0, maximum: values.max() ?? 1)
        func y(_ value: Double) -> Double { top + (1 - scale.fraction(value)) * plotHeight }

        doc.openGroup(["class": "y-axis"])
        for tick in scale.ticks {
            doc.line(left, y(tick), left + plotWidth, y(tick), class: "grid")
            doc.text(scale.label(tick), x: left - 6, y: y(tick) + 4, anchor: "end", class: "tick")
        }
        doc.closeGroup()
        doc.text(yLabel, x: 4, y: 14, class: "label")
        doc.line(left, top + plotHeight, left + plotWidth, top + plotHeight, class: "axis")

        let slot = bins.isEmpty ? plotWidth : plotWidth / Double(bins.count)
        let groupWidth = slot * 0.8
        let barWidth = series.isEmpty ? 0 : groupWidth / Double(series.count)
        doc.openGroup(["class": "bars"])
        for (bin, label) in bins.enumerated() {
            let groupX = left + Double(bin) * slot + (slot - groupWidth) / 2
            for (index, set) in series.enumerated() {
                let value = bin < set.values.count && set.values[bin].isFinite ? set.values[bin] : 0
                doc.rect(
                    x: groupX + Double(index) * barWidth, y: y(value), width: barWidth - 1, height: y(0) - y(value),
                    class: "bar", fill: ChartPalette.color(index), title: "\(set.name), \(label): \(valueFormat(value))")
            }
            let center = left + (Double(bin) + 0.5) * slot
            if rotate {
                doc.element("text", ["x": SVGDocument.number(center), "y": SVGDocument.number(top + plotHeight + 12), "text-anchor": "end", "class": "tick",
                                     "transform": "rotate(-35 \(SVGDocument.number(center)) \(SVGDocument.number(top + plotHeight + 12)))"], text: Self.shorten(label))
            } else {
                doc.text(Self.shorten(label), x: center, y: top + plotHeight + 16, anchor: "middle", class: "tick")
            }
        }
        doc.closeGroup()
        if bins.isEmpty {
            doc.text("no bins", x: left + plotWidth / 2, y: top + plotHeight / 2, anchor: "middle", class: "empty")
        }
        Legend.draw(series.map(\.name), into: &doc, right: width - right, y: 12)
        return doc.render(title: title)
    }

    /// Long bin labels cut to fit under a bar.
    static func shorten(_ label: String) -> String {
        label.count > 22 ? String(label.prefix(21)) + "…" : label
    }
}
