import Foundation
import LastmileObservability
import Prometheus
import Synchronization

/// The server's metrics: one Prometheus registry (per server, so tests can run several servers
/// in one process without touching swift-metrics' global bootstrap), per-pipeline handles, and
/// the process metrics Prometheus users expect.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let pipelines = Mutex<[String: PipelineMetrics]>([:])
    private let startTime = Date()

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        // Inference takes microseconds to seconds; the default buckets start at 5 ms.
        factory.defaultDurationHistogramBuckets = [
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        self.factory = factory
    }

    /// The metrics of `pipeline`, created on first use.
    func pipeline(_ name: String) -> PipelineMetrics {
        pipelines.withLock { table in
            if let metrics = table[name] { return metrics }
            let metrics = PipelineMetrics(pipeline: name, factory: factory)
            table[name] = metrics
            return metrics
        }
    }

    /// The metrics of `pipeline` if it has served anything.
    func existing(_ name: String) -> PipelineMetrics? {
        pipelines.withLock { $0[name] }
    }

    /// The Prometheus text exposition of every metric.
    func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 << 10)
        registry.emit(into: &buffer)
        buffer.append(contentsOf: Array(processMetrics().utf8))
        return buffer
    }

    /// `process_*` metrics read from /proc/self (Linux).
    private func processMetrics() -> String {
        var lines: [String] = []
        func metric(_ name: String, _ type: String, _ help: String, _ value: Double) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            lines.append("\(name) \(value)")
        }
        metric("process_start_time_seconds", "gauge", "Start time of the process since the epoch, in seconds.", startTime.timeIntervalSince1970.rounded())
        if let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
           let close = stat.lastIndex(of: ")") {
            // Fields after the command name: state is field 3; utime 14, stime 15, threads 20, rss 24.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
            if fields.count > 21, let user = Double(fields[11]), let system = Double(fields[12]), ticks > 0 {
                metric("process_cpu_seconds_total", "counter", "User and system CPU time spent, in seconds.", (user + system) / ticks)
            }
            if fields.count > 21, let threads = Double(fields[17]) {
                metric("process_threads", "gauge", "Threads of the process.", threads)
            }
            if fields.count > 21, let pages = Double(fields[21]) {
                metric("process_resident_memory_bytes", "gauge", "Resident memory size, in bytes.", pages * Double(sysconf(Int32(_SC_PAGESIZE))))
            }
        }
        if let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            metric("process_open_fds", "gauge", "Open file descriptors.", Double(descriptors.count))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
