import AsyncHTTPClient
import Foundation
import LastmileAPI
import LastmileObservability
import LastmileStore
import Logging
import NIOCore
import ServiceLifecycle

/// Wall-clock time and sleeping for the assay scheduler, injected so tests drive time.
package protocol SchedulerClock: Sendable {
    /// Now, in milliseconds since 1970.
    var nowMillis: Int64 { get }
    func sleep(for duration: Duration) async throws
}

/// The real clock.
package struct SystemSchedulerClock: SchedulerClock {
    package init() {}
    package var nowMillis: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
    package func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}

/// How the scheduler runs: how often it looks for closed windows and how it retries webhooks.
package struct AssaySchedulerConfiguration: Sendable {
    /// The pause between passes over the active assays.
    package var pollInterval: Duration = .seconds(10)
    /// How long after a window's end it is scored, so rows still being committed land in it.
    package var settleMillis: Int64 = 5_000
    /// Webhook attempts per alert, the first included.
    package var webhookAttempts = 4
    /// The pause before the second attempt; it doubles for each later one.
    package var webhookBackoff: Duration = .seconds(1)
    /// The longest one webhook call may take.
    package var webhookTimeout: TimeAmount = .seconds(10)

    package init() {}
}

/// Runs every active assay as its windows close: scores each closed window (catching up from
/// the assay's stored `nextWindow` after a restart) — summed from per-minute buckets, which it
/// extends from the log as minutes close, when the windows fall on whole minutes, else over the
/// logged rows — stores the result,
/// and on a breaching window (`alert`, or `warning` when the assay says so) that completes
/// `alertAfter` breaching windows in a row, POSTs an `AssayAlert` to the assay's webhook with
/// retries and exponential backoff, recording the outcome.
package final class AssayScheduler: Service, Sendable {
    let platform: Platform
    let clock: any SchedulerClock
    let configuration: AssaySchedulerConfiguration
    let http: HTTPClient

    init(platform: Platform, clock: any SchedulerClock, configuration: AssaySchedulerConfiguration, http: HTTPClient = .shared) {
        self.platform = platform
        self.clock = clock
        self.configuration = configuration
        self.http = http
    }

    /// Passes over the active assays every `pollInterval` until the service group shuts down.
    package func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.tick()
                try await self.clock.sleep(for: self.configuration.pollInterval)
            }
        }
    }

    /// One pass: scores every window that has closed and not been scored, for every active
    /// assay. Returns how many windows it scored. Failures are logged and retried next pass.
    @discardableResult
    package func tick() async -> Int {
        let assays: [Assay]
        do {
            assays = try platform.store.activeAssays()
        } catch {
            platform.logger.error("assay scheduler: could not list assays: \(error)")
            return 0
        }
        var scored = 0
        for assay in assays {
            do {
                scored += try await run(assay)
            } catch {
                platform.logger.error("assay \(assay.name) (\(assay.id)) failed: \(error)")
            }
        }
        return scored
    }

    /// Scores the assay's closed windows from `nextWindow` on.
    private func run(_ assay: Assay) async throws -> Int {
        let job = try AssayJob(assay)
        let platform = self.platform
        let watch = ContinuousClock()
        let started = watch.now
        var closed = job.plan.closedCount(at: clock.nowMillis - configuration.settleMillis)
        if let count = assay.windows.count { closed = Swift.min(closed, count) }
        let finished = assay.windows.count.map { assay.nextWindow >= $0 } ?? false
        if job.plan.isMinuteAligned && !finished {
            // Every pass sums the minutes closed since the last one into per-minute buckets, so
            // each row is read once, soon after it is logged; windows are added up from them.
            let closedMinutes = AssayWindowPlan.minuteStart(clock.nowMillis - configuration.settleMillis)
            let until = assay.windows.count.map { Swift.min(closedMinutes, job.plan.window($0 - 1).end) } ?? closedMinutes
            try await Blocking.run("lastmile-assay-buckets") { try platform.advanceBuckets(assayId: assay.id, job: job, until: until) }
        }
        let bucketed = watch.now
        guard closed > assay.nextWindow else { return 0 }
        var streak = try previousStreak(assay, before: job.plan.window(assay.nextWindow).start)
        defer {
            let summing = job.plan.isMinuteAligned ? " from per-minute buckets (extending them took \(bucketed - started))" : " over the logged rows"
            platform.logger.info("assay \(assay.name): scored \(closed - assay.nextWindow) window(s)\(summing) in \(watch.now - bucketed)")
        }
        for index in assay.nextWindow..<closed {
            let result = try await Blocking.run("lastmile-assay-window") { try platform.scoreWindow(job, index: index, bucketsOf: assay.id) }
            try platform.store.saveAssayResult(assayId: assay.id, result: result, nextWindow: index + 1)
            streak = breaches(result.status, assay) ? streak + 1 : 0
            if streak >= assay.alertAfter, let webhook = assay.webhook {
                let alert = AssayAlert(
                    assay: assay.name, assayId: assay.id, workspace: assay.workspace, pipeline: assay.pipeline, iopath: assay.iopath,
                    metric: assay.summarizer.metric, window: result, baseline: assay.baseline, consecutive: streak
                )
                await deliver(alert, to: webhook)
            }
        }
        return closed - assay.nextWindow
    }

    private func breaches(_ status: AssayStatus, _ assay: Assay) -> Bool {
        status == .alert || (assay.alertOnWarning && status == .warning)
    }

    /// Breaching windows in a row just before `start`, from the stored results.
    private func previousStreak(_ assay: Assay, before start: Int64) throws -> Int {
        guard assay.alertAfter > 1 else { return 0 }
        let results = try platform.store.assayResults(id: assay.id, end: Date(timeIntervalSince1970: Double(start - 1) / 1000))
        var streak = 0
        for result in results.reversed() {
            guard breaches(result.status, assay) else { break }
            streak += 1
        }
        return streak
    }

    /// POSTs the alert, retrying failures (no answer or a non-2xx status) with doubling pauses,
    /// and records the outcome.
    private func deliver(_ alert: AssayAlert, to url: String) async {
        var attempts = 0
        var statusCode: Int?
        var failure: String?
        var delivered = false
        var pause = configuration.webhookBackoff
        let body: Data
        do {
            body = try APICoding.encoder().encode(alert)
        } catch {
            platform.logger.error("assay \(alert.assay): could not encode the alert: \(error)")
            return
        }
        while attempts < configuration.webhookAttempts {
            if attempts > 0 {
                do { try await clock.sleep(for: pause) } catch { break }
                pause *= 2
            }
            attempts += 1
            do {
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.headers.add(name: "User-Agent", value: "lastmile/\(LastmileVersion.current)")
                request.body = .bytes(ByteBuffer(bytes: body))
                let response = try await http.execute(request, timeout: configuration.webhookTimeout)
                _ = try? await response.body.collect(upTo: 1 << 16)
                statusCode = Int(response.status.code)
                if (200..<300).contains(Int(response.status.code)) {
                    delivered = true
                    failure = nil
                    break
                }
                failure = "the webhook answered HTTP \(response.status.code)"
            } catch {
                statusCode = nil
                failure = "could not reach the webhook: \(error)"
            }
        }
        let outcome = AssayAlertDelivery(
            assayId: alert.assayId, windowStart: alert.window.start, url: url, attempts: attempts, delivered: delivered,
            statusCode: statusCode, error: failure, at: Date(timeIntervalSince1970: Double(clock.nowMillis) / 1000)
        )
        do {
            try platform.store.recordAlertDelivery(outcome)
        } catch {
            platform.logger.error("assay \(alert.assay): could not record an alert delivery: \(error)")
        }
    }
}
