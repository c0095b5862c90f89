import CoreMetrics
import Foundation
import Synchronization

/// One pipeline's metrics: swift-metrics counters, timers and gauges for Prometheus, and a
/// rolling window for the JSON summary.
///
/// The handles are created once per pipeline (and per status and model on first use), so the
/// request path only increments them.
public final class PipelineMetrics: Sendable {
    public let pipeline: String
    /// The last hour of traffic, second by second.
    public let window = RollingWindow()
    /// The routes of split and shadow steps: the last hour, second by second, and totals.
    public let routes = RouteWindow()

    private let factory: any MetricsFactory
    private let rows: Counter
    private let anomalies: Counter
    private let latency: CoreMetrics.Timer
    private let queueDepth: Gauge
    private let replicas: Gauge
    private let requestsByStatus = Mutex<[String: Counter]>([:])
    private let latencyByModel = Mutex<[String: CoreMetrics.Timer]>([:])
    private let shadowErrorsByModel = Mutex<[String: Counter]>([:])

    /// Creates the pipeline's handles through `factory` (a Prometheus factory in the server).
    public init(pipeline: String, factory: any MetricsFactory) {
        self.pipeline = pipeline
        self.factory = factory
        let labels = [("pipeline", pipeline)]
        rows = Counter(label: MetricNames.rows, dimensions: labels, factory: factory)
        anomalies = Counter(label: MetricNames.anomalies, dimensions: labels, factory: factory)
        latency = CoreMetrics.Timer(label: MetricNames.latency, dimensions: labels, factory: factory)
        queueDepth = Gauge(label: MetricNames.queueDepth, dimensions: labels, factory: factory)
        replicas = Gauge(label: MetricNames.replicas, dimensions: labels, factory: factory)
    }

    /// Records one answered request.
    ///
    /// - Parameter status: `ok`, or the error code the request failed with.
    public func record(status: String, rows count: Int, anomalies flagged: Int, latencyNanoseconds: UInt64, now: Date = Date()) {
        Self.handle(requestsByStatus, status) {
            Counter(label: MetricNames.requests, dimensions: [("pipeline", pipeline), ("status", status)], factory: factory)
        }.increment()
        let failed = status != "ok"
        if !failed {
            rows.increment(by: count)
            if flagged > 0 { anomalies.increment(by: flagged) }
            latency.recordNanoseconds(Int64(clamping: latencyNanoseconds))
        }
        window.record(now: now, rows: failed ? 0 : count, failed: failed, anomalies: failed ? 0 : flagged, latencyNanoseconds: latencyNanoseconds)
    }

    /// Records the time one model step took.
    public func recordModel(_ model: String, nanoseconds: UInt64) {
        Self.handle(latencyByModel, model) {
            CoreMetrics.Timer(label: MetricNames.modelLatency, dimensions: [("pipeline", pipeline), ("model", model)], factory: factory)
        }.recordNanoseconds(Int64(clamping: nanoseconds))
    }

    /// Counts a failed run of shadow challenger `model`.
    public func recordShadowError(_ model: String) {
        Self.handle(shadowErrorsByModel, model) {
            Counter(label: MetricNames.shadowErrors, dimensions: [("pipeline", pipeline), ("model", model)], factory: factory)
        }.increment()
    }

    /// The handle for `key` in `table`, made by `make` on first use.
    private static func handle<Handle>(_ table: borrowing Mutex<[String: Handle]>, _ key: String, make: () -> Handle) -> Handle {
        table.withLock { handles in
            if let handle = handles[key] { return handle }
            let handle = make()
            handles[key] = handle
            return handle
        }
    }

    /// Sets the deployment gauges (read when metrics are scraped).
    public func setDeployment(queueDepth depth: Int, replicas count: Int) {
        queueDepth.record(depth)
        replicas.record(count)
    }
}
