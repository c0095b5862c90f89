/// The finite values of a sample, sorted, with the statistics an assay summary reports.
struct SortedSample: Sendable {
    /// The finite values, ascending.
    let values: [Double]
    /// NaN and infinite values, which summaries count as missing.
    let missing: Int

    init(_ values: some Sequence<Double>) {
        var finite: [Double] = []
        var missing = 0
        for value in values {
            if value.isFinite { finite.append(value) } else { missing += 1 }
        }
        self.values = finite.sorted()
        self.missing = missing
    }

    var isEmpty: Bool { values.isEmpty }

    /// The quantile at `p` in [0, 1] by linear interpolation between order statistics, as
    /// numpy's default method computes it (including its choice of lerp form past t = 0.5).
    func quantile(_ p: Double) -> Double {
        precondition(!values.isEmpty, "quantile of an empty sample")
        let position = Double(values.count - 1) * p
        let below = Swift.min(Swift.max(Int(position.rounded(.down)), 0), values.count - 1)
        let above = Swift.min(below + 1, values.count - 1)
        let t = position - Double(below)
        let a = values[below], b = values[above]
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }

    var median: Double? { isEmpty ? nil : quantile(0.5) }

    var mean: Double? {
        isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// The population standard deviation (ddof 0), from the mean by a second pass.
    var std: Double? {
        guard let mean else { return nil }
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count)).squareRoot()
    }
}
