/// `GET /v1/pipelines/{p}/metrics?window=5m`: a pipeline's traffic over a recent window.
///
/// Counts cover requests this server process answered in the window; latencies are those of
/// successful requests, read from a histogram with 10% wide buckets (nil when there were none).
public struct PipelineMetricsSummary: Codable, Sendable, Equatable {
    public var pipeline: String
    public var windowSeconds: Int
    public var requests: Int
    public var rows: Int
    /// Requests that failed (any 4xx or 5xx after the pipeline was found).
    public var errors: Int
    /// Rows flagged by a validation.
    public var anomalies: Int
    public var requestsPerSecond: Double
    public var rowsPerSecond: Double
    public var latencyP50Seconds: Double?
    public var latencyP95Seconds: Double?
    public var latencyP99Seconds: Double?
    /// errors / requests.
    public var errorRate: Double
    /// anomalies / rows.
    public var anomalyRate: Double

    public init(pipeline: String, windowSeconds: Int, requests: Int, rows: Int, errors: Int, anomalies: Int, requestsPerSecond: Double, rowsPerSecond: Double, latencyP50Seconds: Double?, latencyP95Seconds: Double?, latencyP99Seconds: Double?, errorRate: Double, anomalyRate: Double) {
        self.pipeline = pipeline
        self.windowSeconds = windowSeconds
        self.requests = requests
        self.rows = rows
        self.errors = errors
        self.anomalies = anomalies
        self.requestsPerSecond = requestsPerSecond
        self.rowsPerSecond = rowsPerSecond
        self.latencyP50Seconds = latencyP50Seconds
        self.latencyP95Seconds = latencyP95Seconds
        self.latencyP99Seconds = latencyP99Seconds
        self.errorRate = errorRate
        self.anomalyRate = anomalyRate
    }
}
