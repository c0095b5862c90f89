/// Limits and knobs shared by the explainers.
public struct ExplainOptions: Sendable {
    /// Rows per predictor call, at most (a call holds at least one coalition's background).
    public var batchRows: Int = 65_536
    /// Model evaluations one explanation may cost (rows x coalitions x background rows); above
    /// it the request is refused with the numbers, so one call cannot occupy the server for long.
    public var maxEvaluations: Int = 50_000_000
    /// KernelSHAP's coalition budget; nil is `2 * features + 2048`, as the `shap` package does.
    public var kernelSamples: Int?
    /// Seeds KernelSHAP's coalition sampling (and sampled rows in global explanations).
    public var seed: UInt64 = 0

    public init(batchRows: Int = 65_536, maxEvaluations: Int = 50_000_000, kernelSamples: Int? = nil, seed: UInt64 = 0) {
        self.batchRows = batchRows
        self.maxEvaluations = maxEvaluations
        self.kernelSamples = kernelSamples
        self.seed = seed
    }

    func checkBudget(rows: Int, coalitions: Int, background: Int, method: String) throws {
        let (a, o1) = rows.multipliedReportingOverflow(by: coalitions)
        let (total, o2) = a.multipliedReportingOverflow(by: background)
        if o1 || o2 || total > maxEvaluations {
            throw ExplainError(.badInput, "\(method) SHAP would need \(rows) rows x \(coalitions) coalitions x \(background) background rows model evaluations, more than the limit of \(maxEvaluations); explain fewer rows, use a smaller background or fewer samples")
        }
    }
}

enum ExplainInput {
    static func check(rows: FeatureMatrix, background: FeatureMatrix) throws {
        guard background.rows > 0 else { throw ExplainError(.badInput, "the background is empty; give at least one background row") }
        guard rows.rows > 0 else { throw ExplainError(.badInput, "there are no rows to explain") }
        guard rows.columns == background.columns else {
            throw ExplainError(.badInput, "the rows have \(rows.columns) features but the background rows have \(background.columns)")
        }
    }
}
