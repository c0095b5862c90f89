/// Partial dependence and ICE curves: the model's output as one feature moves over a grid
/// while the others keep each row's values.
public struct PartialDependence: Sendable {
    /// Grid points per feature when it has more distinct values.
    public static let gridPoints = 20

    /// One feature's curves.
    public struct Curve: Sendable {
        public var feature: Int
        public var grid: [Double]
        /// The mean output over the data at each grid point: `grid * outputs`.
        public var average: [Double]
        /// Each ICE row's output at each grid point: `iceRows * grid * outputs`.
        public var ice: [Double]
    }

    public var options: ExplainOptions

    public init(options: ExplainOptions = ExplainOptions()) {
        self.options = options
    }

    /// The grid of a feature: its distinct values (sorted) when there are at most
    /// `gridPoints`, else `gridPoints` evenly spaced points from its 5th to its 95th percentile
    /// (linear interpolation between order statistics). NaNs are ignored.
    public static func grid(_ column: [Double]) -> [Double] {
        let values = column.filter { !$0.isNaN }.sorted()
        var distinct: [Double] = []
        for v in values where distinct.last != v { distinct.append(v) }
        if distinct.count <= gridPoints { return distinct }
        func percentile(_ q: Double) -> Double {
            let position = q * Double(values.count - 1)
            let lower = Int(position.rounded(.down)), upper = min(lower + 1, values.count - 1)
            let fraction = position - Double(lower)
            return values[lower] + (values[upper] - values[lower]) * fraction
        }
        let low = percentile(0.05), high = percentile(0.95)
        return (0..<gridPoints).map { low + (high - low) * Double($0) / Double(gridPoints - 1) }
    }

    /// Curves for every feature over `data`, with ICE curves for the rows at `iceRows`.
    public func curves(data: FeatureMatrix, iceRows: [Int], outputs: Int, predictor: any Predictor) async throws -> [Curve] {
        guard data.rows > 0 else { throw ExplainError(.badInput, "the background is empty; give at least one background row") }
        let m = data.columns, n = data.rows
        let grids = (0..<m).map { Self.grid(data.column($0)) }
        let total = grids.reduce(0) { $0 + $1.count } * n
        guard total <= options.maxEvaluations else {
            throw ExplainError(.badInput, "partial dependence would need \(total) model evaluations, more than the limit of \(options.maxEvaluations); use a smaller background")
        }
        var curves: [Curve] = []
        for i in 0..<m {
            let grid = grids[i]
            var rows = [Double]()
            rows.reserveCapacity(grid.count * n * m)
            for g in grid {
                for r in 0..<n {
                    var row = data.row(r)
                    row[i] = g
                    rows.append(contentsOf: row)
                }
            }
            let predictions = try await predict(rows, count: grid.count * n, outputs: outputs, predictor: predictor)
            var average = [Double](repeating: 0, count: grid.count * outputs)
            var ice = [Double](repeating: 0, count: iceRows.count * grid.count * outputs)
            for k in 0..<grid.count {
                for r in 0..<n {
                    for o in 0..<outputs { average[k * outputs + o] += predictions[(k * n + r) * outputs + o] }
                }
                for o in 0..<outputs { average[k * outputs + o] /= Double(n) }
                for (j, r) in iceRows.enumerated() {
                    for o in 0..<outputs { ice[(j * grid.count + k) * outputs + o] = predictions[(k * n + r) * outputs + o] }
                }
            }
            curves.append(Curve(feature: i, grid: grid, average: average, ice: ice))
        }
        return curves
    }

    private func predict(_ rows: [Double], count: Int, outputs: Int, predictor: any Predictor) async throws -> [Double] {
        let features = rows.count / max(count, 1)
        var out: [Double] = []
        var start = 0
        while start < count {
            let end = min(count, start + max(1, options.batchRows))
            let part = try await predictor.predict(Array(rows[(start * features)..<(end * features)]), count: end - start)
            guard part.count == (end - start) * outputs else {
                throw ExplainError(.predictorFailed, "the model returned \(part.count) values for \(end - start) rows, expected \(outputs) per row")
            }
            out.append(contentsOf: part)
            start = end
        }
        return out
    }
}

extension ShapleyValues {
    /// The mean absolute value of each feature and output over the rows: `features * outputs`.
    public var meanAbsolute: [Double] {
        var sums = [Double](repeating: 0, count: features * outputs)
        for r in 0..<rows {
            for k in 0..<(features * outputs) { sums[k] += abs(values[r * features * outputs + k]) }
        }
        return sums.map { $0 / Double(max(rows, 1)) }
    }
}
