/// The function an explanation explains: a batch of feature rows in, one output row per input
/// row out.
///
/// Explainers only see a pipeline through this protocol; the server adapts a deployed
/// pipeline's runner to it (this module cannot import the runtime). Implementations must accept
/// batches of any size the explainer asks for; explainers send coalition evaluations in large
/// batches (`ExplainOptions.batchRows`), never one call per coalition.
public protocol Predictor: Sendable {
    /// Evaluates `count` rows.
    ///
    /// - Parameter rows: row-major, `count * featureCount` values.
    /// - Returns: row-major, `count * outputCount` values, in input row order.
    func predict(_ rows: [Double], count: Int) async throws -> [Double]
}

/// A `Predictor` made of a closure, for tests and simple adapters.
public struct ClosurePredictor: Predictor {
    private let body: @Sendable ([Double], Int) async throws -> [Double]

    public init(_ body: @escaping @Sendable (_ rows: [Double], _ count: Int) async throws -> [Double]) {
        self.body = body
    }

    public func predict(_ rows: [Double], count: Int) async throws -> [Double] {
        try await body(rows, count)
    }
}
