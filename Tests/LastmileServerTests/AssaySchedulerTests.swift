import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LastmileAPI
import LastmileServer
import Logging
import Synchronization
import Testing

/// A scheduler clock the test sets by hand; sleeps return at once and are recorded.
private final class ManualClock: SchedulerClock {
    private let state = Mutex<(now: Int64, sleeps: [Duration])>((0, []))

    var nowMillis: Int64 { state.withLock { $0.now } }
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func set(_ millis: Int64) { state.withLock { $0.now = millis } }

    func sleep(for duration: Duration) async throws {
        state.withLock { $0.sleeps.append(duration) }
    }
}

/// A webhook on 127.0.0.1 that fails its first call with 500 and accepts the rest.
private final class TestWebhook: Sendable {
    private let bodies = Mutex<[Data]>([])

    var received: [Data] { bodies.withLock { $0 } }

    /// Serves until the returned task is cancelled; returns the bound port.
    func start() async throws -> (port: Int, task: Task<Void, any Error>) {
        let router = Router()
        router.post("/hook") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 1 << 20)
            let count = self.bodies.withLock { bodies in
                bodies.append(Data(body.readableBytesView))
                return bodies.count
            }
            return count == 1 ? .internalServerError : .ok
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "test-webhook", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let task = Task { try await application.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return (port, task)
    }
}

@Test func aScheduledAssayGoesFromOkToAlertAndCallsItsWebhook() async throws {
    // Given a pipeline that logged 50 rows with X[0] spread over [0, 1), then 50 rows drifted to [5, 6)
    let server = try TestServer(logDurability: "sync")
    defer { server.removeDirectory() }
    let webhook = TestWebhook()
    let (port, webhookTask) = try await webhook.start()
    defer { webhookTask.cancel() }
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        func rows(_ offset: Double) -> Data {
            Data(("[" + (0..<50).map { "{\"X\": [\(offset + Double($0) / 50), 0, 0, 0, 0, 0]}" }.joined(separator: ", ") + "]").utf8)
        }
        let first = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/infer", body: rows(0))).decode([InferenceRecord].self)[0].time
        // (the log stamps a request with the current millisecond; wait for the next one)
        while Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) <= first + 1 { await Task.yield() }
        let second = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/infer", body: rows(5))).decode([InferenceRecord].self)[0].time
        #expect(second > first)
        // Windows of width W: window 0 = [second - W, second) holds the first batch, window 1 the second
        let width = second - first
        let start = Date(timeIntervalSince1970: Double(second - width) / 1000)
        let create = CreateAssayRequest(
            workspace: "team", name: "x0", pipeline: "pipe", iopath: "in.X[0]",
            baseline: AssayBaseline(values: (0..<200).map { Double($0) / 200 }),
            windows: AssayWindows(start: start, width: "\(width)ms"), minCount: 10, webhook: "http://127.0.0.1:\(port)/hook"
        )
        let assay = try expectStatus(.created, await client.call(.post, "/v1/assays", json: create)).decode(Assay.self)
        var configuration = AssaySchedulerConfiguration()
        configuration.settleMillis = 0
        configuration.webhookBackoff = .seconds(2)
        let clock = ManualClock()

        // When the clock stands before window 0 closes, nothing is scored
        clock.set(second - 1)
        #expect(await server.server.assayScheduler(clock: clock, configuration: configuration).tick() == 0)
        // When window 0 closes, it is scored ok
        clock.set(second)
        #expect(await server.server.assayScheduler(clock: clock, configuration: configuration).tick() == 1)
        var results = try expectStatus(.ok, await client.call(.get, "/v1/assays/\(assay.id)/results")).decode([AssayWindowResult].self)
        #expect(results.map(\.status) == [.ok])
        #expect(results.first?.summary.count == 50)
        #expect(webhook.received.isEmpty)

        // When a new scheduler (as after a restart) finds windows 1 and 2 closed, it catches up on both
        clock.set(second + 2 * width)
        let restarted = server.server.assayScheduler(clock: clock, configuration: configuration)
        #expect(await restarted.tick() == 2)
        #expect(await restarted.tick() == 0)

        // Then window 1 is an alert and window 2, empty, has insufficient data
        results = try expectStatus(.ok, await client.call(.get, "/v1/assays/\(assay.id)/results")).decode([AssayWindowResult].self)
        #expect(results.map(\.status) == [.ok, .alert, .insufficientData])
        #expect(results[1].summary.counts.last == 50)
        // and the webhook got the alert twice: a failed attempt, then a retry after the backoff
        #expect(webhook.received.count == 2)
        let alert = try APICoding.decoder().decode(AssayAlert.self, from: webhook.received[1])
        #expect(alert.assayId == assay.id && alert.pipeline == "pipe" && alert.window.status == .alert && alert.consecutive == 1)
        #expect(clock.sleeps == [.seconds(2)])
        let deliveries = try expectStatus(.ok, await client.call(.get, "/v1/assays/\(assay.id)/alerts")).decode([AssayAlertDelivery].self)
        #expect(deliveries.count == 1)
        #expect(deliveries.first?.delivered == true && deliveries.first?.attempts == 2 && deliveries.first?.statusCode == 200)
    }
}

@Test func alertAfterWaitsForConsecutiveBreachesAndRecordsFailedDeliveries() async throws {
    // Given rows far from the baseline, logged once
    let server = try TestServer(logDurability: "sync")
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        let rows = Data(("[" + (0..<20).map { "{\"X\": [\(9 + Double($0) / 100), 0, 0, 0, 0, 0]}" }.joined(separator: ", ") + "]").utf8)
        let time = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/infer", body: rows)).decode([InferenceRecord].self)[0].time
        // and an assay whose windows (overlapping: 1 s wide, every 1 ms) all hold those rows, with a webhook nobody serves
        let create = CreateAssayRequest(
            workspace: "team", name: "far", pipeline: "pipe", iopath: "in.X[0]", baseline: AssayBaseline(values: [0, 0.25, 0.5, 0.75, 1]),
            windows: AssayWindows(start: Date(timeIntervalSince1970: Double(time - 999) / 1000), width: "1s", interval: "1ms"),
            minCount: 5, webhook: "http://127.0.0.1:1/hook", alertAfter: 3
        )
        let assay = try expectStatus(.created, await client.call(.post, "/v1/assays", json: create)).decode(Assay.self)
        var configuration = AssaySchedulerConfiguration()
        configuration.settleMillis = 0
        configuration.webhookAttempts = 2
        configuration.webhookTimeout = .milliseconds(500)
        let clock = ManualClock()

        // When two windows close, no alert is sent; when the third closes (after a restart), one is
        clock.set(time + 1 + 1)
        #expect(await server.server.assayScheduler(clock: clock, configuration: configuration).tick() == 2)
        #expect(try expectStatus(.ok, await client.call(.get, "/v1/assays/\(assay.id)/alerts")).decode([AssayAlertDelivery].self).isEmpty)
        clock.set(time + 1 + 2)
        #expect(await server.server.assayScheduler(clock: clock, configuration: configuration).tick() == 1)

        // Then the failed delivery is recorded with its attempts and reason
        let deliveries = try expectStatus(.ok, await client.call(.get, "/v1/assays/\(assay.id)/alerts")).decode([AssayAlertDelivery].self)
        #expect(deliveries.count == 1)
        #expect(deliveries.first?.delivered == false && deliveries.first?.attempts == 2 && deliveries.first?.error?.contains("could not reach") == true)
        let results = try expectStatus(.ok, await client.call(.get, "/v1/assays/\(assay.id)/results")).decode([AssayWindowResult].self)
        #expect(results.map(\.status) == [.alert, .alert, .alert])
        // and a paused assay is not run
        try expectStatus(.ok, await client.call(.post, "/v1/assays/\(assay.id)/active", json: SetAssayActiveRequest(active: false)))
        clock.set(time + 1 + 10)
        #expect(await server.server.assayScheduler(clock: clock, configuration: configuration).tick() == 0)
    }
}

@Test func minuteAlignedWindowsAreSummedFromBucketsThatMatchARawScan() async throws {
    // Given 40 logged rows with X[0] in [0, 4) and NaN-free, in the current minute M
    let server = try TestServer(logDurability: "sync")
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        let rows = Data(("[" + (0..<40).map { "{\"X\": [\(Double($0) / 10), 0, 0, 0, 0, 0]}" }.joined(separator: ", ") + "]").utf8)
        let time = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/infer", body: rows)).decode([InferenceRecord].self)[0].time
        let minute = time - time % 60_000
        // and an assay of one-minute windows from the minute before M
        let windows = AssayWindows(start: Date(timeIntervalSince1970: Double(minute - 60_000) / 1000), width: "1m")
        let summarizer = AssaySummarizer(binMode: .provided, edges: [0, 1, 2, 3])
        let create = CreateAssayRequest(
            workspace: "team", name: "minutes", pipeline: "pipe", iopath: "in.X[0]", baseline: AssayBaseline(values: [0.5, 1.5, 2.5, 3.5]),
            windows: windows, summarizer: summarizer, minCount: 1
        )
        let assay = try expectStatus(.created, await client.call(.post, "/v1/assays", json: create)).decode(Assay.self)
        var configuration = AssaySchedulerConfiguration()
        configuration.settleMillis = 0
        let clock = ManualClock()

        // When the scheduler runs once M has closed
        clock.set(minute + 60_000)
        #expect(await server.server.assayScheduler(clock: clock, configuration: configuration).tick() == 2)

        // Then window 1 (minute M) came from buckets (no median) and agrees with a raw preview of it
        let results = try expectStatus(.ok, await client.call(.get, "/v1/assays/\(assay.id)/results")).decode([AssayWindowResult].self)
        #expect(results.count == 2)
        let preview = AssayPreviewRequest(pipeline: "pipe", iopath: "in.X[0]", baseline: create.baseline, windows: AssayWindows(start: windows.start, width: "1m", count: 2), summarizer: summarizer, minCount: 1)
        let raw = try expectStatus(.ok, await client.call(.post, "/v1/assays/preview", json: preview)).decode(AssayPreviewReply.self)
        let bucketed = results[1].summary, scanned = raw.windows[1].summary
        #expect(bucketed.median == nil && scanned.median != nil)
        // counts by hand: 0.0..0.9 and 1.0 -> [0, 1] has 11, (1, 2] 10, (2, 3] 10, > 3 has 9
        #expect(bucketed.counts == [0, 11, 10, 10, 9] && scanned.counts == bucketed.counts)
        #expect(bucketed.min == scanned.min && bucketed.max == scanned.max)
        // (X is float32, so the values are the float32s nearest to k/10: the mean is 1.95 to about 1e-8)
        #expect(abs((bucketed.mean ?? 0) - 1.95) < 1e-6 && abs((bucketed.mean ?? 0) - (scanned.mean ?? 1)) < 1e-12)
        #expect(abs((bucketed.std ?? 0) - (scanned.std ?? 1)) < 1e-12)
        #expect(results[1].score == raw.windows[1].score)
        #expect(results[0].summary.count == 0 && results[0].status == .insufficientData)
    }
}

/// A clock whose sleeps wait until the test lets them go, announcing each one.
private final class SteppingClock: SchedulerClock {
    private let sleeps: AsyncStream<Void>.Continuation
    let slept: AsyncStream<Void>

    init() {
        (slept, sleeps) = AsyncStream<Void>.makeStream()
    }

    var nowMillis: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) + 3_600_000 }

    func sleep(for duration: Duration) async throws {
        sleeps.yield()
        // Sleep until cancelled, as a long poll interval would.
        try await Task.sleep(for: .seconds(3600))
    }
}

@Test func theSchedulerServiceRunsAPassThenStopsOnCancellation() async throws {
    // Given an active assay whose first window closed an hour ago by the clock
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        let create = CreateAssayRequest(
            workspace: "team", name: "loop", pipeline: "pipe", iopath: "in.X[0]", baseline: AssayBaseline(values: [1, 2, 3]),
            windows: AssayWindows(start: Date(), width: "1m", count: 1), minCount: 1
        )
        let assay = try expectStatus(.created, await client.call(.post, "/v1/assays", json: create)).decode(Assay.self)
        let clock = SteppingClock()
        let scheduler = server.server.assayScheduler(clock: clock)

        // When the service runs until its first sleep, then is cancelled
        let running = Task { try await scheduler.run() }
        var sleeps = clock.slept.makeAsyncIterator()
        _ = await sleeps.next()
        running.cancel()
        try await running.value

        // Then the pass scored the closed window, and run() returned
        let results = try expectStatus(.ok, await client.call(.get, "/v1/assays/\(assay.id)/results")).decode([AssayWindowResult].self)
        #expect(results.count == 1 && results.first?.status == .insufficientData)
    }
}
