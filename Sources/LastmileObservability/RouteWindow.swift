import Foundation
import LastmileAPI
import LastmileTensor
import Synchronization

/// Per-route counts of one pipeline: the routes of its split steps, and the champions and
/// challengers of its shadow steps. Keeps per-second counts for the last hour (the
/// comparison, `GET /v1/pipelines/{p}/routes?window=1h`) and running totals since the process
/// started (a canary compares totals taken at two moments, so it needs no wall clock).
public final class RouteWindow: Sendable {
    /// A route: one model version in one step.
    public struct Key: Hashable, Sendable {
        public var step: Int
        public var model: String
        public var versionID: String
        /// `route`, `champion` or `challenger`.
        public var role: String

        public init(step: Int, model: String, versionID: String, role: String) {
            self.step = step
            self.model = model
            self.versionID = versionID
            self.role = role
        }
    }

    /// What a route did over some span.
    public struct Counts: Sendable, Equatable {
        /// Model runs (a request, or a batch of merged requests, is one run).
        public var runs = 0
        public var failures = 0
        public var rows = 0
        /// Rows checked by the pipeline's validations, and those flagged.
        public var checkedRows = 0
        public var anomalousRows = 0
        public var latency = LatencyHistogram()
        /// Per numeric output, the sum of its elements.
        public var outputs: [String: ElementSum] = [:]
        /// Per output, a challenger's summed absolute difference from its champion.
        public var differences: [String: ElementSum] = [:]

        public init() {}

        mutating func add(_ other: Counts) {
            runs += other.runs
            failures += other.failures
            rows += other.rows
            checkedRows += other.checkedRows
            anomalousRows += other.anomalousRows
            latency.merge(other.latency)
            outputs.merge(other.outputs, uniquingKeysWith: +)
            differences.merge(other.differences, uniquingKeysWith: +)
        }

        /// These counts less `earlier` counts of the same route (what happened in between).
        public func since(_ earlier: Counts) -> Counts {
            var counts = self
            counts.runs -= earlier.runs
            counts.failures -= earlier.failures
            counts.rows -= earlier.rows
            counts.checkedRows -= earlier.checkedRows
            counts.anomalousRows -= earlier.anomalousRows
            counts.latency.subtract(earlier.latency)
            for (name, sum) in earlier.outputs { counts.outputs[name] = (counts.outputs[name] ?? ElementSum()) - sum }
            for (name, sum) in earlier.differences { counts.differences[name] = (counts.differences[name] ?? ElementSum()) - sum }
            return counts
        }

        /// failures / runs, 0 without runs.
        public var errorRate: Double { runs > 0 ? Double(failures) / Double(runs) : 0 }
        /// anomalous / checked rows, nil when no row was checked.
        public var anomalyRate: Double? { checkedRows > 0 ? Double(anomalousRows) / Double(checkedRows) : nil }
    }

    private struct Second {
        var epochSecond: Int64 = -1
        var routes: [Key: Counts] = [:]
    }

    private struct State {
        var seconds = Array(repeating: Second(), count: RollingWindow.capacitySeconds)
        var totals: [Key: Counts] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Adds `counts` to `key`'s second of `now` and to its totals.
    public func record(_ key: Key, _ counts: Counts, now: Date = Date()) {
        let epoch = Int64(now.timeIntervalSince1970.rounded(.down))
        let slot = Int(epoch % Int64(RollingWindow.capacitySeconds))
        state.withLock { state in
            if state.seconds[slot].epochSecond != epoch {
                state.seconds[slot] = Second(epochSecond: epoch)
            }
            state.seconds[slot].routes[key, default: Counts()].add(counts)
            state.totals[key, default: Counts()].add(counts)
        }
    }

    /// Every route's running totals since the process started.
    public func totals() -> [Key: Counts] {
        state.withLock { $0.totals }
    }

    /// Every route's counts over the last `windowSeconds` seconds (at most an hour) before `now`.
    public func counts(windowSeconds: Int, now: Date = Date()) -> [Key: Counts] {
        let window = min(max(windowSeconds, 1), RollingWindow.capacitySeconds)
        let newest = Int64(now.timeIntervalSince1970.rounded(.down))
        let oldest = newest - Int64(window) + 1
        var merged: [Key: Counts] = [:]
        state.withLock { state in
            for second in state.seconds where second.epochSecond >= oldest && second.epochSecond <= newest {
                for (key, counts) in second.routes { merged[key, default: Counts()].add(counts) }
            }
        }
        return merged
    }

    /// The comparison of the routes over the last `windowSeconds` seconds: in step order, within
    /// a step routes and the champion before challengers, then by model and version.
    public func summary(pipeline: String, windowSeconds: Int, now: Date = Date()) -> PipelineRoutesReport {
        let window = min(max(windowSeconds, 1), RollingWindow.capacitySeconds)
        let routes = counts(windowSeconds: window, now: now)
            .sorted { ($0.key.step, Self.rank($0.key.role), $0.key.model, $0.key.versionID) < ($1.key.step, Self.rank($1.key.role), $1.key.model, $1.key.versionID) }
            .map { Self.summary($0.key, $0.value) }
        return PipelineRoutesReport(pipeline: pipeline, windowSeconds: window, routes: routes)
    }

    private static func rank(_ role: String) -> Int {
        role == "challenger" ? 1 : 0
    }

    /// One route's line of the comparison.
    public static func summary(_ key: Key, _ counts: Counts) -> RouteSummary {
        RouteSummary(
            step: key.step, model: key.model, version: key.versionID, role: key.role,
            runs: counts.runs, rows: counts.rows, errors: counts.failures, errorRate: counts.errorRate,
            latencyP50Seconds: counts.latency.quantile(0.5), latencyP99Seconds: counts.latency.quantile(0.99),
            outputMeans: counts.outputs.compactMapValues(\.mean),
            anomalousRows: counts.checkedRows > 0 ? counts.anomalousRows : nil, anomalyRate: counts.anomalyRate,
            meanAbsoluteDifference: key.role == "challenger" ? counts.differences.compactMapValues(\.mean) : nil
        )
    }
}
