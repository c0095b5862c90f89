/// Exact interventional Shapley values: every coalition of features is evaluated against the
/// background, and each feature's value is the Shapley-weighted sum of its marginal
/// contributions, `phi_i = sum over S not containing i of |S|! (M - |S| - 1)! / M! * (v(S + i) - v(S))`.
///
/// Costs `2^M * backgroundRows` model evaluations per explained row.
public struct ExactExplainer: Sendable {
    /// Features above which exact enumeration is refused.
    public static let maxFeatures = 16

    public var options: ExplainOptions

    public init(options: ExplainOptions = ExplainOptions()) {
        self.options = options
    }

    public func explain(rows: FeatureMatrix, background: FeatureMatrix, outputs: Int, predictor: any Predictor) async throws -> ShapleyValues {
        try ExplainInput.check(rows: rows, background: background)
        let m = rows.columns
        guard m <= Self.maxFeatures else {
            throw ExplainError(.badInput, "exact SHAP enumerates 2^features coalitions and allows at most \(Self.maxFeatures) features, the rows have \(m); use method \"kernel\"")
        }
        let coalitions = 1 << m
        try options.checkBudget(rows: rows.rows, coalitions: coalitions, background: background.rows, method: "exact")
        var masks = [Bool](repeating: false, count: coalitions * m)
        for s in 0..<coalitions {
            for i in 0..<m where s & (1 << i) != 0 { masks[s * m + i] = true }
        }
        let evaluator = CoalitionEvaluator(predictor: predictor, background: background, outputs: outputs, batchRows: options.batchRows)
        let v = try await evaluator.values(rows: rows, masks: masks, coalitions: coalitions)
        // weight[s] = s! (M - s - 1)! / M! = 1 / (M * C(M - 1, s)).
        let weight = (0..<m).map { s in 1 / (Double(m) * Combinatorics.binomial(m - 1, s)) }
        var values = [Double](repeating: 0, count: rows.rows * m * outputs)
        for r in 0..<rows.rows {
            let base = r * coalitions * outputs
            for s in 0..<coalitions {
                let size = s.nonzeroBitCount
                for i in 0..<m where s & (1 << i) == 0 {
                    let w = weight[size]
                    let with = base + (s | (1 << i)) * outputs, without = base + s * outputs
                    let target = (r * m + i) * outputs
                    for o in 0..<outputs { values[target + o] += w * (v[with + o] - v[without + o]) }
                }
            }
        }
        let baseValues = Array(v[0..<outputs])
        return ShapleyValues(rows: rows.rows, features: m, outputs: outputs, baseValues: baseValues, values: values)
    }
}

enum Combinatorics {
    /// C(n, k) as a Double (exact for the sizes explainers use).
    static func binomial(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, k <= n else { return 0 }
        let k = min(k, n - k)
        var result = 1.0
        for i in 0..<k { result = result * Double(n - i) / Double(i + 1) }
        return result.rounded()
    }
}
