import Foundation
import LastmileAPI
import LastmileObservability
import Testing

@Test func summaryCountsOnlyTheSecondsInsideTheWindow() {
    // Given requests 10 minutes ago, 2 minutes ago and just now
    let window = RollingWindow()
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    window.record(now: now.addingTimeInterval(-600), rows: 100, failed: false, anomalies: 0, latencyNanoseconds: 1_000_000)
    window.record(now: now.addingTimeInterval(-120), rows: 10, failed: false, anomalies: 2, latencyNanoseconds: 2_000_000)
    window.record(now: now, rows: 5, failed: false, anomalies: 1, latencyNanoseconds: 4_000_000)
    window.record(now: now, rows: 0, failed: true, anomalies: 0, latencyNanoseconds: 50_000)
    // When summarised over five minutes
    let summary = window.summary(pipeline: "p", windowSeconds: 300, now: now)
    // Then only the last three requests count
    #expect(summary.requests == 3)
    #expect(summary.rows == 15)
    #expect(summary.errors == 1)
    #expect(summary.anomalies == 3)
    #expect(abs(summary.errorRate - 1.0 / 3.0) < 1e-12)
    #expect(abs(summary.anomalyRate - 3.0 / 15.0) < 1e-12)
    #expect(abs(summary.requestsPerSecond - 3.0 / 300.0) < 1e-12)
    // and the hour-long window sees all four
    #expect(window.summary(pipeline: "p", windowSeconds: 3600, now: now).requests == 4)
}

@Test func histogramQuantilesAreWithinTenPercent() throws {
    // Given latencies of 1..1000 microseconds
    var histogram = LatencyHistogram()
    for micros in 1...1000 { histogram.record(nanoseconds: UInt64(micros) * 1000) }
    // Then the quantiles are the true values within one 10% bucket
    for (q, truth) in [(0.5, 500e-6), (0.95, 950e-6), (0.99, 990e-6)] {
        let value = try #require(histogram.quantile(q))
        #expect(value >= truth && value <= truth * 1.1, "q=\(q): \(value)")
    }
    #expect(LatencyHistogram().quantile(0.5) == nil)
}

@Test func aSecondSlotIsReusedAfterAnHour() {
    // Given a request exactly one hour before another (the same ring slot)
    let window = RollingWindow()
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    window.record(now: now.addingTimeInterval(-3600), rows: 7, failed: false, anomalies: 0, latencyNanoseconds: 1000)
    window.record(now: now, rows: 1, failed: false, anomalies: 0, latencyNanoseconds: 1000)
    // Then the old one no longer counts
    let summary = window.summary(pipeline: "p", windowSeconds: 3600, now: now)
    #expect(summary.requests == 1 && summary.rows == 1)
}

@Test func seriesPutsEachRequestInItsMinuteAndKeepsQuietMinutesAsZeros() {
    // Given requests 10 minutes ago, 2 minutes ago and just now (30 s into a minute)
    let window = RollingWindow()
    let now = Date(timeIntervalSince1970: 1_800_000_030)
    window.record(now: now.addingTimeInterval(-600), rows: 100, failed: false, anomalies: 0, latencyNanoseconds: 1_000_000)
    window.record(now: now.addingTimeInterval(-120), rows: 10, failed: false, anomalies: 2, latencyNanoseconds: 2_000_000)
    window.record(now: now, rows: 6, failed: false, anomalies: 1, latencyNanoseconds: 4_000_000)
    window.record(now: now, rows: 0, failed: true, anomalies: 0, latencyNanoseconds: 50_000)
    // When the last hour is read minute by minute
    let series = window.series(pipeline: "p", windowSeconds: 3600, stepSeconds: 60, now: now)
    // Then there are 60 points on whole minutes, the last one holding now
    #expect(series.points.count == 60)
    #expect(series.points.allSatisfy { Int(($0.time.timeIntervalSince1970)) % 60 == 0 })
    let last = series.points[59]
    #expect(last.time.timeIntervalSince1970 == 1_800_000_000)
    #expect(last.requests == 2 && last.errors == 1 && last.rows == 6)
    // the current minute has lasted 31 seconds so far
    #expect(abs(last.rowsPerSecond - 6.0 / 31.0) < 1e-12)
    #expect(series.points[57].requests == 1 && series.points[57].anomalies == 2)
    #expect(series.points[49].rows == 100)
    #expect(series.points.reduce(0) { $0 + $1.requests } == 4)
    // and quiet minutes are zeros without latencies
    #expect(series.points[0].requests == 0 && series.points[0].latencyP50Seconds == nil)
    #expect(abs((last.latencyP50Seconds ?? 0) - 0.004) < 0.0004)
}
