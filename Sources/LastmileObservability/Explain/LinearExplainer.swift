/// Closed-form interventional SHAP for an affine model: `phi_i = W[o][i] * (x_i - mean_i)`,
/// with the background's column means, and `base = W mean + b` (the mean prediction over the
/// background, exactly, because the model is affine).
public struct LinearExplainer: Sendable {
    public var model: LinearModel

    public init(model: LinearModel) {
        self.model = model
    }

    public func explain(rows: FeatureMatrix, background: FeatureMatrix) throws -> ShapleyValues {
        try ExplainInput.check(rows: rows, background: background)
        let m = model.features, outputs = model.outputs
        guard rows.columns == m else {
            throw ExplainError(.badInput, "the linear model takes \(m) features, the rows have \(rows.columns)")
        }
        let means = background.columnMeans
        let base = model.predict(means)
        var values = [Double](repeating: 0, count: rows.rows * m * outputs)
        for r in 0..<rows.rows {
            for i in 0..<m {
                let delta = rows[r, i] - means[i]
                for o in 0..<outputs { values[(r * m + i) * outputs + o] = model.weights[o * m + i] * delta }
            }
        }
        return ShapleyValues(rows: rows.rows, features: m, outputs: outputs, baseValues: base, values: values)
    }
}
