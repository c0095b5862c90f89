import Foundation
import LastmileAPI
import Synchronization

/// Per-second counts and latencies of one pipeline over the last hour, for the JSON summary
/// (`GET /v1/pipelines/{p}/metrics?window=5m`).
///
/// Recording takes a mutex for a few additions; the summary merges the seconds in the window.
public final class RollingWindow: Sendable {
    private struct Second {
        var epochSecond: Int64 = -1
        var requests = 0
        var errors = 0
        var rows = 0
        var anomalies = 0
        var latency = LatencyHistogram()

        /// Adds another second's counts (summing seconds into a window or an interval).
        mutating func add(_ other: Second) {
            requests += other.requests
            errors += other.errors
            rows += other.rows
            anomalies += other.anomalies
            latency.merge(other.latency)
        }
    }

    /// The longest window a summary can cover.
    public static let capacitySeconds = 3600

    private let seconds = Mutex<[Second]>(Array(repeating: Second(), count: RollingWindow.capacitySeconds))

    public init() {}

    /// Records one request: its rows, whether it failed, how many rows were anomalies, its latency.
    public func record(now: Date = Date(), rows: Int, failed: Bool, anomalies: Int, latencyNanoseconds: UInt64) {
        let epoch = Int64(now.timeIntervalSince1970.rounded(.down))
        let slot = Int(epoch % Int64(Self.capacitySeconds))
        seconds.withLock { seconds in
            if seconds[slot].epochSecond != epoch {
                seconds[slot] = Second()
                seconds[slot].epochSecond = epoch
            }
            seconds[slot].requests += 1
            seconds[slot].rows += rows
            seconds[slot].anomalies += anomalies
            if failed {
                seconds[slot].errors += 1
            } else {
                seconds[slot].latency.record(nanoseconds: latencyNanoseconds)
            }
        }
    }

    /// The summary of the last `windowSeconds` seconds (at most an hour) before `now`.
    public func summary(pipeline: String, windowSeconds: Int, now: Date = Date()) -> PipelineMetricsSummary {
        let window = min(max(windowSeconds, 1), Self.capacitySeconds)
        let nowEpoch = Int64(now.timeIntervalSince1970.rounded(.down))
        let oldest = nowEpoch - Int64(window) + 1
        var total = Second()
        seconds.withLock { seconds in
            for second in seconds where second.epochSecond >= oldest && second.epochSecond <= nowEpoch {
                total.add(second)
            }
        }
        let span = Double(window)
        return PipelineMetricsSummary(
            pipeline: pipeline, windowSeconds: window, requests: total.requests, rows: total.rows, errors: total.errors, anomalies: total.anomalies,
            requestsPerSecond: Double(total.requests) / span, rowsPerSecond: Double(total.rows) / span,
            latencyP50Seconds: total.latency.quantile(0.5), latencyP95Seconds: total.latency.quantile(0.95), latencyP99Seconds: total.latency.quantile(0.99),
            errorRate: total.requests > 0 ? Double(total.errors) / Double(total.requests) : 0,
            anomalyRate: total.rows > 0 ? Double(total.anomalies) / Double(total.rows) : 0
        )
    }

    /// The last `windowSeconds` seconds (at most an hour) before `now` as points of `stepSeconds`
    /// seconds each, oldest first; intervals start on multiples of the step, and the last one
    /// holds `now` (so it may be partial). Intervals without traffic are zero points.
    public func series(pipeline: String, windowSeconds: Int, stepSeconds: Int, now: Date = Date()) -> PipelineMetricsSeries {
        let window = min(max(windowSeconds, 1), Self.capacitySeconds)
        let step = min(max(stepSeconds, 1), window)
        let nowEpoch = Int64(now.timeIntervalSince1970.rounded(.down))
        let lastStart = nowEpoch - nowEpoch % Int64(step)
        let count = max(1, window / step)
        let firstStart = lastStart - Int64(step) * Int64(count - 1)
        let oldest = max(firstStart, nowEpoch - Int64(Self.capacitySeconds) + 1)
        var buckets = Array(repeating: Second(), count: count)
        seconds.withLock { seconds in
            for second in seconds where second.epochSecond >= oldest && second.epochSecond <= nowEpoch {
                buckets[Int((second.epochSecond - firstStart) / Int64(step))].add(second)
            }
        }
        let points = buckets.enumerated().map { index, bucket in
            let start = firstStart + Int64(index * step)
            // The interval holding `now` has lasted only until now.
            let span = Double(min(Int64(step), nowEpoch - start + 1))
            return PipelineMetricsPoint(
                time: Date(timeIntervalSince1970: Double(start)), requests: bucket.requests, rows: bucket.rows,
                errors: bucket.errors, anomalies: bucket.anomalies,
                requestsPerSecond: Double(bucket.requests) / span, rowsPerSecond: Double(bucket.rows) / span,
                latencyP50Seconds: bucket.latency.quantile(0.5), latencyP99Seconds: bucket.latency.quantile(0.99))
        }
        return PipelineMetricsSeries(pipeline: pipeline, windowSeconds: window, stepSeconds: step, points: points)
    }
}
