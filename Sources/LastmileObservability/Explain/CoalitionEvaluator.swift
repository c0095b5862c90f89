/// Evaluates the interventional value of coalitions: `v(S) = mean over background rows b of
/// f(x_S, b_not S)`, for many rows and coalitions, in large predictor batches.
struct CoalitionEvaluator: Sendable {
    let predictor: any Predictor
    let background: FeatureMatrix
    let outputs: Int
    /// Rows sent to the predictor per call, at most (at least one coalition's worth).
    let batchRows: Int

    /// The mean output over the background, one per output element.
    func baseValues() async throws -> [Double] {
        let predictions = try await predict(background.values, count: background.rows)
        return Self.columnMeans(predictions, rows: background.rows, columns: outputs)
    }

    /// `v(S)` for every row of `rows` and every coalition of `masks`.
    ///
    /// - Parameter masks: `coalitions * features` flags, coalition by coalition; true takes the
    ///   feature from the explained row, false from the background row.
    /// - Returns: `rows * coalitions * outputs` values, indexed `[row][coalition][output]`.
    func values(rows: FeatureMatrix, masks: [Bool], coalitions: Int) async throws -> [Double] {
        let features = background.columns
        let n = background.rows
        let jobs = rows.rows * coalitions
        let jobsPerCall = max(1, batchRows / n)
        var result = [Double](repeating: 0, count: jobs * outputs)
        var start = 0
        var batch: [Double] = []
        while start < jobs {
            let end = min(jobs, start + jobsPerCall)
            batch.removeAll(keepingCapacity: true)
            batch.reserveCapacity((end - start) * n * features)
            for job in start..<end {
                let r = job / coalitions, c = job % coalitions
                let rowBase = r * features, maskBase = c * features
                rows.values.withUnsafeBufferPointer { x in
                    masks.withUnsafeBufferPointer { mask in
                        background.values.withUnsafeBufferPointer { b in
                            for k in 0..<n {
                                let bBase = k * features
                                for i in 0..<features {
                                    batch.append(mask[maskBase + i] ? x[rowBase + i] : b[bBase + i])
                                }
                            }
                        }
                    }
                }
            }
            let predictions = try await predict(batch, count: (end - start) * n)
            let scale = 1 / Double(n)
            for job in start..<end {
                let first = (job - start) * n
                for o in 0..<outputs {
                    var sum = 0.0
                    for k in 0..<n { sum += predictions[(first + k) * outputs + o] }
                    result[job * outputs + o] = sum * scale
                }
            }
            start = end
        }
        return result
    }

    /// Model outputs for `rows`.
    func predictions(_ rows: FeatureMatrix) async throws -> [Double] {
        try await predict(rows.values, count: rows.rows)
    }

    private func predict(_ rows: [Double], count: Int) async throws -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(count * outputs)
        let features = background.columns
        var start = 0
        while start < count {
            let end = min(count, start + max(1, batchRows))
            let slice = start == 0 && end == count ? rows : Array(rows[(start * features)..<(end * features)])
            let part = try await predictor.predict(slice, count: end - start)
            guard part.count == (end - start) * outputs else {
                throw ExplainError(.predictorFailed, "the model returned \(part.count) values for \(end - start) rows, expected \(outputs) per row")
            }
            out.append(contentsOf: part)
            start = end
        }
        return out
    }

    static func columnMeans(_ values: [Double], rows: Int, columns: Int) -> [Double] {
        var sums = [Double](repeating: 0, count: columns)
        for r in 0..<rows {
            for c in 0..<columns { sums[c] += values[r * columns + c] }
        }
        return sums.map { $0 / Double(max(rows, 1)) }
    }
}
