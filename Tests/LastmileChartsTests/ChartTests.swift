import Foundation
import LastmileCharts
import Testing

private let hostile = "<script>alert('x')</script> & \"quoted\""

@Test(arguments: [(0.0, 1.0), (0.0, 0.0), (-3.2, 17.9), (0.0013, 0.0171), (12_345.0, 98_765.0), (-5.0, -1.0), (7.0, 7.0)])
func niceScaleTicksAreRoundNumbersCoveringTheData(range: (Double, Double)) {
    // Given a data range
    let scale = NiceScale(minimum: range.0, maximum: range.1)
    // Then the step is 1, 2 or 5 times a power of ten
    let mantissa = scale.step / pow(10, log10(scale.step).rounded(.down))
    #expect([1.0, 2.0, 5.0].contains { abs($0 - mantissa) < 1e-9 }, "step \(scale.step)")
    // and every tick is a whole multiple of the step, and the ticks cover the data
    for tick in scale.ticks {
        let ratio = tick / scale.step
        #expect(abs(ratio - ratio.rounded()) < 1e-6, "tick \(tick) with step \(scale.step)")
    }
    #expect(scale.ticks.first! <= min(range.0, range.1))
    #expect(scale.ticks.last! >= max(range.0, range.1))
    #expect(scale.ticks.count >= 2 && scale.ticks.count <= 12)
}

@Test func niceScaleLabelsUseTheDecimalsTheStepNeeds() {
    let scale = NiceScale(minimum: 0, maximum: 0.9)
    #expect(scale.step == 0.2)
    #expect(scale.ticks.map(scale.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    let big = NiceScale(minimum: 0, maximum: 870)
    #expect(big.ticks.map(big.label) == ["0", "200", "400", "600", "800", "1000"])
}

@Test func timeScaleTicksFallOnRoundMinutes() {
    // Given the last hour, starting at an odd second
    let end = 1_795_700_000.0 + 17
    let scale = TimeScale(start: end - 3600, end: end)
    // Then ticks are every 10 minutes on the minute, labelled HH:mm
    #expect(scale.step == 600)
    #expect(scale.ticks.allSatisfy { $0.truncatingRemainder(dividingBy: 600) == 0 && $0 >= end - 3600 && $0 <= end })
    #expect(scale.ticks.count == 6)
    #expect(scale.label(1_795_699_800) == "13:30")
}

@Test func lineChartIsValidSVGWithOneLinePerSeriesAndEscapedText() throws {
    // Given two series, a threshold and names with markup
    var chart = LineChart(title: hostile, yLabel: "latency (ms)", series: [
        .init(name: "p50 \(hostile)", points: [(1000, 1), (1060, 2), (1120, .nan), (1180, 3), (1240, 4)]),
        .init(name: "p99", points: [(1000, 5), (1060, 8), (1120, 9)]),
    ])
    chart.thresholds = [.init(name: "alert", value: 12, color: "#dc2626")]
    chart.area = true
    // When it is drawn
    let svg = chart.svg()
    let elements = try parseSVG(svg)
    // Then it parses, the hostile text survives as text (no script element), and the NaN splits p50 in two lines
    #expect(!svg.contains("<script>"))
    #expect(elements.named("script").isEmpty)
    #expect(elements.named("title").first?.text == hostile)
    #expect(elements.named("path", class: "series").count == 3)
    #expect(elements.named("path", class: "area").count == 3)
    #expect(Set(elements.named("text", class: "legend").map(\.text)) == ["p50 \(hostile)", "p99"])
    // and the y ticks cover the threshold
    let ticks = elements.named("text", class: "tick").compactMap { Double($0.text) }
    #expect(ticks.max()! >= 12)
    #expect(elements.named("line", class: "threshold").count == 1)
}

@Test func lineChartWithoutDataSaysSo() throws {
    let elements = try parseSVG(LineChart(title: "empty", yLabel: "rows/s", series: [.init(name: "rows/s", points: [])]).svg())
    #expect(elements.named("text", class: "empty").first?.text == "no data yet")
}

@Test func histogramBarsAreProportionalToTheirValues() throws {
    // Given baseline and window shares over three bins
    let chart = HistogramChart(title: "x0", yLabel: "share", bins: ["(-inf, 1]", "(1, 2]", "(2, inf)"], series: [
        .init(name: "baseline", values: [0.2, 0.5, 0.3]),
        .init(name: "window", values: [0.1, 0.4, 0.5]),
    ])
    let bars = try parseSVG(chart.svg()).named("rect", class: "bar")
    // Then there is one bar per bin and series, side by side, with heights proportional to the values
    #expect(bars.count == 6)
    let heights = bars.map { $0.number("height") }
    let unit = heights[0] / 0.2
    for (height, value) in zip(heights, [0.2, 0.1, 0.5, 0.4, 0.3, 0.5]) {
        #expect(abs(height - value * unit) < 0.05 * unit)
    }
    #expect(bars[1].number("x") > bars[0].number("x"))
    // and every bar sits on the same baseline
    let bottoms = bars.map { $0.number("y") + $0.number("height") }
    #expect(bottoms.allSatisfy { abs($0 - bottoms[0]) < 0.02 })
}

@Test func barChartGrowsRightForPositiveAndLeftForNegativeValues() throws {
    // Given signed contributions
    let chart = BarChart(title: "why", xLabel: "SHAP value", bars: [
        .init(label: "amount", value: 2), .init(label: "age", value: -1), .init(label: hostile, value: 1),
    ])
    let elements = try parseSVG(chart.svg())
    let bars = elements.named("rect", class: "bar")
    // Then widths are proportional to |value|
    #expect(bars.count == 3)
    let widths = bars.map { $0.number("width") }
    #expect(abs(widths[0] - 2 * widths[2]) < 0.05)
    #expect(abs(widths[1] - widths[2]) < 0.05)
    // and the negative bar ends where the positive ones start (at zero)
    #expect(abs((bars[1].number("x") + widths[1]) - bars[0].number("x")) < 0.05)
    #expect(bars[0].attributes["fill"] != bars[1].attributes["fill"])
    // and labels are escaped text
    #expect(elements.named("text", class: "tick").contains { $0.text.hasPrefix("<script>") })
}
