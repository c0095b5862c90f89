import Foundation
import LastmileObservability
import LastmileTesting
import Testing

private struct GlobalReference: Decodable {
    var wide_column: [Double]
    var wide_grid: [Double]
}

@Test func gridIsTwentyPointsBetweenThe5thAnd95thPercentileAsNumpyComputesThem() throws {
    // Given 37 distinct values and numpy's grid for them
    let url = Fixture.committedRoot.deletingLastPathComponent().appendingPathComponent("ExplainReferences/global_gradient_boosting_regressor.json")
    let reference = try JSONDecoder().decode(GlobalReference.self, from: Data(contentsOf: url))
    // When the grid is built
    let grid = PartialDependence.grid(reference.wide_column)
    // Then it matches
    #expect(grid.count == 20)
    #expect(zip(grid, reference.wide_grid).allSatisfy { abs($0 - $1) < 1e-12 })
    // and a feature with few distinct values uses them, sorted, ignoring NaN
    #expect(PartialDependence.grid([3, 1, 3, .nan, 2, 1]) == [1, 2, 3])
}

@Test func partialDependenceOfALinearModelIsItsClosedForm() async throws {
    // Given y = 2 a - 3 b + 1 over four rows
    let data = try FeatureMatrix(rows: [[0, 1], [1, 0], [2, 2], [3, 5]])
    let predictor = ClosurePredictor { rows, count in
        (0..<count).map { (r: Int) -> Double in
            let a: Double = rows[2 * r], b: Double = rows[2 * r + 1]
            return 2 * a - 3 * b + 1
        }
    }
    // When curves are drawn with ICE for rows 3 and 0
    let curves = try await PartialDependence(options: ExplainOptions(batchRows: 3)).curves(data: data, iceRows: [3, 0], outputs: 1, predictor: predictor)
    // Then feature a's average is 2 g - 3 mean(b) + 1 and its ICE is 2 g - 3 b_r + 1
    let a = curves[0]
    #expect(a.grid == [0, 1, 2, 3])
    let points = a.grid.count
    for k in 0..<points {
        let g: Double = a.grid[k]
        let average: Double = 2 * g - 5, iceRow3: Double = 2 * g - 14, iceRow0: Double = 2 * g - 2
        #expect(abs(a.average[k] - average) < 1e-12)
        #expect(abs(a.ice[k] - iceRow3) < 1e-12)
        #expect(abs(a.ice[points + k] - iceRow0) < 1e-12)
    }
    #expect(curves[1].grid == [0, 1, 2, 5])
}
