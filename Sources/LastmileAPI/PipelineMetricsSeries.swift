import Foundation

/// One point of a pipeline's metrics time series (`GET /v1/pipelines/{p}/metrics/series`):
/// the traffic of `stepSeconds` seconds starting at `time`.
public struct PipelineMetricsPoint: Codable, Sendable, Equatable {
    /// The start of the interval.
    public var time: Date
    public var requests: Int
    public var rows: Int
    public var errors: Int
    public var anomalies: Int
    public var requestsPerSecond: Double
    public var rowsPerSecond: Double
    /// Latency quantiles of the interval's successful requests; nil when there were none.
    public var latencyP50Seconds: Double?
    public var latencyP99Seconds: Double?

    public init(time: Date, requests: Int, rows: Int, errors: Int, anomalies: Int, requestsPerSecond: Double, rowsPerSecond: Double, latencyP50Seconds: Double?, latencyP99Seconds: Double?) {
        self.time = time
        self.requests = requests
        self.rows = rows
        self.errors = errors
        self.anomalies = anomalies
        self.requestsPerSecond = requestsPerSecond
        self.rowsPerSecond = rowsPerSecond
        self.latencyP50Seconds = latencyP50Seconds
        self.latencyP99Seconds = latencyP99Seconds
    }
}

/// A pipeline's metrics over a window, interval by interval, oldest first.
public struct PipelineMetricsSeries: Codable, Sendable, Equatable {
    public var pipeline: String
    public var windowSeconds: Int
    public var stepSeconds: Int
    public var points: [PipelineMetricsPoint]
    /// Running replicas now, when the pipeline is deployed.
    public var replicas: Int?
    /// Requests waiting for a replica now, when the pipeline is deployed.
    public var queueDepth: Int?

    public init(pipeline: String, windowSeconds: Int, stepSeconds: Int, points: [PipelineMetricsPoint], replicas: Int? = nil, queueDepth: Int? = nil) {
        self.pipeline = pipeline
        self.windowSeconds = windowSeconds
        self.stepSeconds = stepSeconds
        self.points = points
        self.replicas = replicas
        self.queueDepth = queueDepth
    }
}
