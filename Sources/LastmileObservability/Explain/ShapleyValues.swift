/// Local SHAP values: for each explained row, one value per feature and output element.
///
/// For every row `r` and output `o`, `sum_i value(r, i, o) + baseValues[o]` is the model's
/// output for that row (the efficiency property), up to floating-point rounding.
public struct ShapleyValues: Sendable {
    public var rows: Int
    public var features: Int
    public var outputs: Int
    /// The mean output over the background, one per output element.
    public var baseValues: [Double]
    /// `rows * features * outputs` values, indexed `[row][feature][output]`.
    public var values: [Double]

    public init(rows: Int, features: Int, outputs: Int, baseValues: [Double], values: [Double]) {
        self.rows = rows
        self.features = features
        self.outputs = outputs
        self.baseValues = baseValues
        self.values = values
    }

    public func value(row: Int, feature: Int, output: Int) -> Double {
        values[(row * features + feature) * outputs + output]
    }

    /// `values[row][feature][output]` as nested arrays (the wire shape).
    public var nested: [[[Double]]] {
        (0..<rows).map { r in
            (0..<features).map { i in
                Array(values[((r * features + i) * outputs)..<((r * features + i + 1) * outputs)])
            }
        }
    }
}
