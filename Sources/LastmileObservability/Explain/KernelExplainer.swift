/// KernelSHAP (Lundberg and Lee, 2017): Shapley values as the weighted least-squares fit of the
/// coalition values `v(S) - base` by `sum_{i in S} phi_i`, with the Shapley kernel weights and
/// the efficiency constraint `sum phi = f(x) - base` enforced exactly (the last feature's value
/// is eliminated). With a budget that covers every coalition the fit is the exact Shapley
/// values; otherwise coalitions are sampled (`KernelDesign`), reproducibly from the seed.
public struct KernelExplainer: Sendable {
    public var options: ExplainOptions

    public init(options: ExplainOptions = ExplainOptions()) {
        self.options = options
    }

    /// The coalition budget used for `features` features.
    public func samples(features: Int) -> Int {
        options.kernelSamples ?? 2 * features + 2048
    }

    public func explain(rows: FeatureMatrix, background: FeatureMatrix, outputs: Int, predictor: any Predictor) async throws -> ShapleyValues {
        try ExplainInput.check(rows: rows, background: background)
        let m = rows.columns
        let evaluator = CoalitionEvaluator(predictor: predictor, background: background, outputs: outputs, batchRows: options.batchRows)
        let baseValues = try await evaluator.baseValues()
        let predictions = try await evaluator.predictions(rows)
        var values = [Double](repeating: 0, count: rows.rows * m * outputs)
        if m == 1 {
            for r in 0..<rows.rows {
                for o in 0..<outputs { values[r * outputs + o] = predictions[r * outputs + o] - baseValues[o] }
            }
            return ShapleyValues(rows: rows.rows, features: 1, outputs: outputs, baseValues: baseValues, values: values)
        }
        let samples = samples(features: m)
        guard samples >= m + 1 else {
            throw ExplainError(.badInput, "kernel SHAP needs more coalition samples than features (\(m)); ask for at least \(2 * m) samples")
        }
        let design = KernelDesign.make(features: m, samples: samples, seed: options.seed)
        try options.checkBudget(rows: rows.rows, coalitions: design.count, background: background.rows, method: "kernel")
        let solver = try Solver(design: design, features: m)
        let v = try await evaluator.values(rows: rows, masks: design.masks, coalitions: design.count)
        let k = design.count
        let last = m - 1
        var rhs = [Double](repeating: 0, count: last)
        for r in 0..<rows.rows {
            for o in 0..<outputs {
                let total = predictions[r * outputs + o] - baseValues[o]
                for j in 0..<last { rhs[j] = 0 }
                for c in 0..<k {
                    let zLast = design.masks[c * m + last]
                    let y = v[(r * k + c) * outputs + o] - baseValues[o] - (zLast ? total : 0)
                    let wy = design.weights[c] * y
                    if wy == 0 { continue }
                    for j in 0..<last {
                        let a = (design.masks[c * m + j] ? 1.0 : 0.0) - (zLast ? 1.0 : 0.0)
                        if a != 0 { rhs[j] += a * wy }
                    }
                }
                let phi = solver.solve(rhs)
                var sum = 0.0
                for j in 0..<last {
                    values[(r * m + j) * outputs + o] = phi[j]
                    sum += phi[j]
                }
                values[(r * m + last) * outputs + o] = total - sum
            }
        }
        return ShapleyValues(rows: rows.rows, features: m, outputs: outputs, baseValues: baseValues, values: values)
    }

    /// The normal equations `A^T W A` of the constrained fit, Cholesky-factored once and shared
    /// by every row and output (only the right-hand side changes).
    struct Solver {
        let n: Int
        /// Lower-triangular factor, row-major `n * n`.
        var l: [Double]

        init(design: KernelDesign, features m: Int) throws {
            n = m - 1
            var a = [Double](repeating: 0, count: n * n)
            var row = [Double](repeating: 0, count: n)
            for c in 0..<design.count {
                let zLast = design.masks[c * m + n] ? 1.0 : 0.0
                for j in 0..<n { row[j] = (design.masks[c * m + j] ? 1.0 : 0.0) - zLast }
                let w = design.weights[c]
                for i in 0..<n where row[i] != 0 {
                    for j in 0...i where row[j] != 0 { a[i * n + j] += w * row[i] * row[j] }
                }
            }
            l = [Double](repeating: 0, count: n * n)
            let scale = (0..<n).map { a[$0 * n + $0] }.max() ?? 1
            for i in 0..<n {
                for j in 0...i {
                    var sum = a[i * n + j]
                    for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
                    if i == j {
                        guard sum > 1e-12 * scale else {
                            throw ExplainError(.badInput, "kernel SHAP's \(design.count) sampled coalitions do not determine the values of \(m) features; ask for more samples (at least \(2 * m + 2048) is a good start)")
                        }
                        l[i * n + i] = sum.squareRoot()
                    } else {
                        l[i * n + j] = sum / l[j * n + j]
                    }
                }
            }
        }

        func solve(_ b: [Double]) -> [Double] {
            var y = b
            for i in 0..<n {
                var sum = y[i]
                for k in 0..<i { sum -= l[i * n + k] * y[k] }
                y[i] = sum / l[i * n + i]
            }
            for i in stride(from: n - 1, through: 0, by: -1) {
                var sum = y[i]
                for k in (i + 1)..<n { sum -= l[k * n + i] * y[k] }
                y[i] = sum / l[i * n + i]
            }
            return y
        }
    }
}
