import Foundation
import LastmileAPI
import LastmileObservability
import Testing

@Test(arguments: ["mlp_softmax_6", "mlp_softmax_10"])
func exactMatchesBruteForceShapleyValues(_ name: String) async throws {
    // Given a softmax classifier and brute-force Shapley values computed in Python
    let reference = try ExplainReference.load(name)
    // When explained exactly, with small batches so coalitions span several predictor calls
    let explainer = ExactExplainer(options: ExplainOptions(batchRows: 50))
    let values = try await explainer.explain(rows: reference.rowMatrix, background: reference.backgroundMatrix, outputs: reference.outputs, predictor: reference.predictor)
    // Then the values, the base and the efficiency property match
    #expect(maxDifference(values, reference.shapley) < 1e-9)
    #expect(zip(values.baseValues, reference.base).allSatisfy { abs($0 - $1) < 1e-12 })
    #expect(efficiencyGap(values, predictions: reference.predictions) < 1e-9)
    // and the feature the model never reads gets exactly nothing
    let unused = try #require(reference.unused)
    for r in 0..<values.rows {
        for o in 0..<values.outputs { #expect(values.value(row: r, feature: unused, output: o) == 0) }
    }
}

@Test(arguments: [62, 5000])
func kernelWithABudgetCoveringEveryCoalitionEqualsExact(_ samples: Int) async throws {
    // Given 6 features (62 coalitions besides the empty and the full one)
    let reference = try ExplainReference.load("mlp_softmax_6")
    // When KernelSHAP's budget covers them all
    let explainer = KernelExplainer(options: ExplainOptions(kernelSamples: samples))
    let values = try await explainer.explain(rows: reference.rowMatrix, background: reference.backgroundMatrix, outputs: reference.outputs, predictor: reference.predictor)
    // Then it is the exact Shapley values
    #expect(maxDifference(values, reference.shapley) < 1e-9)
    #expect(efficiencyGap(values, predictions: reference.predictions) < 1e-9)
}

@Test func sampledKernelIsCloseToExactAndReproducibleFromItsSeed() async throws {
    // Given 10 features (1022 coalitions) and a budget of 300
    let reference = try ExplainReference.load("mlp_softmax_10")
    let rows = try reference.rowMatrix, background = try reference.backgroundMatrix
    func run(seed: UInt64) async throws -> ShapleyValues {
        try await KernelExplainer(options: ExplainOptions(kernelSamples: 300, seed: seed))
            .explain(rows: rows, background: background, outputs: reference.outputs, predictor: reference.predictor)
    }
    // When explained twice with one seed and once with another
    let first = try await run(seed: 7), again = try await run(seed: 7), other = try await run(seed: 8)
    // Then efficiency holds exactly, the values are near the brute-force ones
    #expect(efficiencyGap(first, predictions: reference.predictions) < 1e-9)
    let scale = reference.shapley.flatMap { $0.flatMap { $0 } }.map(abs).max()!
    #expect(maxDifference(first, reference.shapley) < 0.05 * scale)
    // and the same seed gives the same values, another seed other values
    #expect(first.values == again.values)
    #expect(first.values != other.values)
}

@Test func sampledKernelIsExactOnAnAdditiveModel() async throws {
    // Given a linear model of 5 features (30 coalitions) and a budget of 12 sampled coalitions
    let reference = try ExplainReference.load("linear_5x2")
    let values = try await KernelExplainer(options: ExplainOptions(kernelSamples: 12, seed: 3))
        .explain(rows: reference.rowMatrix, background: reference.backgroundMatrix, outputs: reference.outputs, predictor: reference.predictor)
    // Then the fit is exact, since every coalition value is additive
    #expect(maxDifference(values, reference.shapley) < 1e-9)
}

@Test func linearClosedFormIsWeightTimesDistanceFromTheBackgroundMean() throws {
    // Given y = W x + b
    let reference = try ExplainReference.load("linear_5x2")
    let w = reference.model!.w!, b = reference.model!.b!
    let model = LinearModel(features: w[0].count, outputs: w.count, weights: w.flatMap { $0 }, intercepts: b)
    // When explained in closed form
    let values = try LinearExplainer(model: model).explain(rows: reference.rowMatrix, background: reference.backgroundMatrix)
    // Then values[r][i] == w[i] * (x[r][i] - mean_i), the brute-force values, and efficiency holds
    #expect(maxDifference(values, try #require(reference.closedForm)) < 1e-12)
    #expect(maxDifference(values, reference.shapley) < 1e-9)
    #expect(efficiencyGap(values, predictions: reference.predictions) < 1e-9)
}

@Test func explainerRefusesBadInputWithTheReason() async throws {
    let reference = try ExplainReference.load("mlp_softmax_6")
    let rows = try reference.rowMatrix
    let exact = ExactExplainer()
    // An empty background
    await #expect { try await exact.explain(rows: rows, background: FeatureMatrix(columns: 6, values: []), outputs: 3, predictor: reference.predictor) } throws: { error in
        (error as? ExplainError)?.message.contains("background is empty") == true
    }
    // Rows and background of different widths
    let narrow = try FeatureMatrix(columns: 5, values: [Double](repeating: 0, count: 10))
    await #expect { try await exact.explain(rows: rows, background: narrow, outputs: 3, predictor: reference.predictor) } throws: { error in
        (error as? ExplainError)?.message.contains("6 features but the background rows have 5") == true
    }
    // Too many features for exact
    let wide = try FeatureMatrix(columns: 17, values: [Double](repeating: 0, count: 17))
    await #expect { try await exact.explain(rows: wide, background: wide, outputs: 1, predictor: reference.predictor) } throws: { error in
        (error as? ExplainError)?.message.contains("at most 16 features") == true
    }
    // A kernel budget below the feature count
    await #expect { try await KernelExplainer(options: ExplainOptions(kernelSamples: 3)).explain(rows: rows, background: try reference.backgroundMatrix, outputs: 3, predictor: reference.predictor) } throws: { error in
        (error as? ExplainError)?.message.contains("more coalition samples than features") == true
    }
    // A predictor that returns the wrong number of values
    let broken = ClosurePredictor { _, count in [Double](repeating: 0, count: count) }
    await #expect { try await exact.explain(rows: rows, background: try reference.backgroundMatrix, outputs: 3, predictor: broken) } throws: { error in
        (error as? ExplainError)?.code == .predictorFailed
    }
    // Too many evaluations
    let capped = ExactExplainer(options: ExplainOptions(maxEvaluations: 100))
    await #expect { try await capped.explain(rows: rows, background: try reference.backgroundMatrix, outputs: 3, predictor: reference.predictor) } throws: { error in
        (error as? ExplainError)?.message.contains("more than the limit of 100") == true
    }
}

@Test func autoPicksTheExactAndFastestValidMethod() throws {
    let predictor = ClosurePredictor { _, count in [Double](repeating: 0, count: count) }
    let linear = LinearModel(features: 3, outputs: 1, weights: [1, 2, 3], intercepts: [0])
    // A linear model is explained in closed form
    #expect(try Explainer(predictor: predictor, outputs: 1, linear: .success(linear)).resolve(.auto, features: 3) == .linear)
    // Without structure: exact up to 12 features, kernel above
    let plain = Explainer(predictor: predictor, outputs: 1)
    #expect(try plain.resolve(.auto, features: 12) == .exact)
    #expect(try plain.resolve(.auto, features: 13) == .kernel)
    // Asking for a method the model does not support says why
    #expect { try plain.resolve(.tree, features: 3) } throws: { error in
        (error as? ExplainError)?.message.contains("structure is unknown") == true
    }
    #expect { try plain.resolve(.exact, features: 20) } throws: { error in
        (error as? ExplainError)?.message.contains("use method \"kernel\"") == true
    }
}
