/// Rows of features, row-major: the rows to explain and the background they are compared with.
public struct FeatureMatrix: Sendable, Equatable {
    public private(set) var rows: Int
    public let columns: Int
    /// `rows * columns` values, row by row.
    public private(set) var values: [Double]

    /// Creates a matrix; `values.count` must be a multiple of `columns` (`columns` > 0).
    public init(columns: Int, values: [Double]) throws {
        guard columns > 0 else { throw ExplainError(.badInput, "the rows have no features") }
        guard values.count % columns == 0 else {
            throw ExplainError(.badInput, "\(values.count) values do not make whole rows of \(columns) features")
        }
        self.columns = columns
        self.rows = values.count / columns
        self.values = values
    }

    /// Creates a matrix from rows of equal length.
    public init(rows: [[Double]]) throws {
        guard let first = rows.first else { throw ExplainError(.badInput, "there are no rows") }
        for (index, row) in rows.enumerated() where row.count != first.count {
            throw ExplainError(.badInput, "row \(index) has \(row.count) features, row 0 has \(first.count)")
        }
        try self.init(columns: first.count, values: rows.flatMap { $0 })
    }

    /// Row `index` as an array.
    public func row(_ index: Int) -> [Double] {
        Array(values[index * columns..<(index + 1) * columns])
    }

    /// Column `index` as an array.
    public func column(_ index: Int) -> [Double] {
        (0..<rows).map { values[$0 * columns + index] }
    }

    public subscript(row: Int, column: Int) -> Double {
        values[row * columns + column]
    }

    /// The rows at `indices`, in that order.
    public func selecting(rows indices: [Int]) -> FeatureMatrix {
        var picked: [Double] = []
        picked.reserveCapacity(indices.count * columns)
        for index in indices { picked.append(contentsOf: values[index * columns..<(index + 1) * columns]) }
        var copy = self
        copy.values = picked
        copy.rows = indices.count
        return copy
    }

    /// The mean of each column.
    public var columnMeans: [Double] {
        var sums = [Double](repeating: 0, count: columns)
        for r in 0..<rows {
            for c in 0..<columns { sums[c] += values[r * columns + c] }
        }
        return sums.map { $0 / Double(max(rows, 1)) }
    }
}
