import Foundation
import LastmileAPI
import Testing
@testable import LastmileCLI

@Test func theChartDrawsTwoBarsPerBinScaledToTheLargestShare() {
    // Given a baseline of 4 values in two bins and a window of 2 values, one per outlier bin
    let baseline = AssaySummary(count: 4, missing: 0, min: 0, max: 1, mean: nil, median: nil, std: nil, edges: [0, 0.5, 1], labels: ["left_outlier", "[0, 0.5]", "(0.5, 1]", "right_outlier"], counts: [0, 3, 1, 0], shares: [0, 0.75, 0.25, 0])
    let window = AssaySummary(count: 2, missing: 1, min: -1, max: 2, mean: nil, median: nil, std: nil, edges: [0, 0.5, 1], labels: baseline.labels, counts: [1, 0, 0, 1], shares: [0.5, 0, 0, 0.5])
    // When drawn 8 characters wide
    let lines = AssayChart.render(baseline: baseline, window: window, width: 8).split(separator: "\n").map(String.init)
    // Then the largest share (75%) fills the bar and the others scale: 50% -> 5 of 8 (rounded), 25% -> 3
    #expect(lines.count == 1 + 2 * 4)
    #expect(lines[3].contains("B |########|  75.0% 3"))
    #expect(lines[2].contains("W |=====   |  50.0% 1"))
    #expect(lines[5].contains("B |###     |  25.0% 1"))
    #expect(lines[1].hasPrefix("left_outlier  B |        |"))
}

@Test func valuesParseFromTextWithMissingCells() throws {
    #expect(try AssayValueFile.parse("1, 2.5\n nan,null -3e2", what: "x") == [1, 2.5, nil, nil, -300])
    #expect(throws: CLIError.self) { try AssayValueFile.parse("1, two", what: "x") }
    #expect(throws: CLIError.self) { try AssayValueFile.numbers("1, nan", what: "--edges") }
}
