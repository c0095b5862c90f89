/// `GET /v1/pipelines/{p}/routes?window=1h`: the routes of a pipeline's split and shadow steps
/// compared over a recent window.
///
/// Counts cover what this server process ran in the window (not persisted across restarts).
public struct PipelineRoutesReport: Codable, Sendable, Equatable {
    public var pipeline: String
    public var windowSeconds: Int
    /// In step order; within a step, routes and the champion before the challengers.
    public var routes: [RouteSummary]

    public init(pipeline: String, windowSeconds: Int, routes: [RouteSummary]) {
        self.pipeline = pipeline
        self.windowSeconds = windowSeconds
        self.routes = routes
    }
}

/// One route (a model version in a split or shadow step) over a window.
public struct RouteSummary: Codable, Sendable, Equatable {
    /// The step's 1-based position in the pipeline.
    public var step: Int
    public var model: String
    /// The model version's id.
    public var version: String
    /// `route` (of a split), `champion` or `challenger` (of a shadow).
    public var role: String
    /// Model runs: a request, or several merged into one batch, is one run.
    public var runs: Int
    public var rows: Int
    /// Runs that failed; a challenger's failures never failed a request.
    public var errors: Int
    /// errors / runs.
    public var errorRate: Double
    /// The model's own run time (not the whole request's), from 10%-wide histogram buckets.
    public var latencyP50Seconds: Double?
    public var latencyP99Seconds: Double?
    /// The mean element of each numeric output.
    public var outputMeans: [String: Double]
    /// Rows the pipeline's validations flagged among this route's rows; nil without validations.
    public var anomalousRows: Int?
    public var anomalyRate: Double?
    /// For challengers: per output, the mean absolute element-wise difference from the champion.
    public var meanAbsoluteDifference: [String: Double]?

    public init(
        step: Int, model: String, version: String, role: String, runs: Int, rows: Int, errors: Int, errorRate: Double,
        latencyP50Seconds: Double?, latencyP99Seconds: Double?, outputMeans: [String: Double],
        anomalousRows: Int?, anomalyRate: Double?, meanAbsoluteDifference: [String: Double]?
    ) {
        self.step = step
        self.model = model
        self.version = version
        self.role = role
        self.runs = runs
        self.rows = rows
        self.errors = errors
        self.errorRate = errorRate
        self.latencyP50Seconds = latencyP50Seconds
        self.latencyP99Seconds = latencyP99Seconds
        self.outputMeans = outputMeans
        self.anomalousRows = anomalousRows
        self.anomalyRate = anomalyRate
        self.meanAbsoluteDifference = meanAbsoluteDifference
    }
}
