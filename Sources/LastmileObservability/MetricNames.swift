/// The names of the metrics Lastmile exports, in one place so dashboards and code agree.
public enum MetricNames {
    /// Counter `{pipeline, status}`: inference requests by outcome (`ok`, `bad_request`, `overloaded`, `error`).
    public static let requests = "lastmile_inference_requests_total"
    /// Counter `{pipeline}`: rows served.
    public static let rows = "lastmile_inference_rows_total"
    /// Histogram `{pipeline}`: time from a request's arrival to its reply, in seconds.
    public static let latency = "lastmile_inference_latency_seconds"
    /// Histogram `{pipeline, model}`: time spent in one model step, in seconds.
    public static let modelLatency = "lastmile_model_latency_seconds"
    /// Gauge `{pipeline}`: requests waiting for a replica.
    public static let queueDepth = "lastmile_queue_depth"
    /// Gauge `{pipeline}`: replicas running.
    public static let replicas = "lastmile_replicas"
    /// Counter `{pipeline, model}`: shadow challenger runs that failed (the requests did not).
    public static let shadowErrors = "lastmile_shadow_errors_total"
    /// Counter `{pipeline}`: rows flagged by a validation.
    public static let anomalies = "lastmile_inference_anomalies_total"
}
