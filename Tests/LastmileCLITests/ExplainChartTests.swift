import LastmileAPI
import Testing
@testable import LastmileCLI

@Test func explainChartRanksFeaturesByTheSizeOfTheirContribution() {
    // Given one row's values for three features
    let explanation = Explanation(method: .exact, features: ["age", "income", "debt"], outputs: ["score"], baseValues: [0.5], values: [[[0.1], [-0.4], [0.2]]])
    // When charted with the top two
    let lines = ExplainCommand.chart(explanation, top: 2, width: 8).split(separator: "\n").map(String.init)
    // Then the prediction is base + sum, and income (largest, negative) leads with a full bar
    #expect(lines.contains { $0.contains("row 0, score: base +0.5 -> prediction +0.4") })
    let bars = lines.filter { $0.hasPrefix("  ") && !$0.contains("more features") }
    #expect(bars.count == 2)
    #expect(bars[0].contains("income") && bars[0].hasSuffix("--------"))
    #expect(bars[1].contains("debt") && bars[1].hasSuffix("++++"))
    #expect(lines.last == "  (1 more features)")
}
