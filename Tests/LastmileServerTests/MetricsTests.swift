import Foundation
import HTTPTypes
import HummingbirdTesting
import LastmileAPI
import LastmileServer
import Testing

/// The value of the sample `name{labels...}` in a Prometheus text body, when all `labels` match.
private func sample(_ body: String, _ name: String, _ labels: [String: String]) -> Double? {
    for line in body.split(separator: "\n") where line.hasPrefix(name + "{") {
        let parts = line.split(separator: " ")
        guard parts.count == 2, let value = Double(parts[1]) else { continue }
        let text = String(parts[0])
        if labels.allSatisfy({ text.contains("\($0.key)=\"\($0.value)\"") }) { return value }
    }
    return nil
}

@Test func metricsAndTheSummaryAgreeWithTheRequestsServed() async throws {
    // Given a deployed pipeline that served 3 good requests (1, 2 and 4 rows) and 2 bad ones
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        let row = #"{"X": [1, 2, 3, 4, 5, 6]}"#
        for count in [1, 2, 4] {
            let body = "[" + Array(repeating: row, count: count).joined(separator: ", ") + "]"
            try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/infer", body: Data(body.utf8)))
        }
        try expectStatus(.badRequest, await client.call(.post, "/v1/pipelines/pipe/infer", body: Data(#"[{"X": [1]}]"#.utf8)))
        try expectStatus(.badRequest, await client.call(.post, "/v2/models/pipe/infer", body: Data("{".utf8)))

        // When Prometheus scrapes (no token) and a user reads the JSON summary
        let scrape = try expectStatus(.ok, await client.call(.get, "/metrics", token: nil))
        let text = String(decoding: scrape.body, as: UTF8.self)
        let summary = try expectStatus(.ok, await client.call(.get, "/v1/pipelines/pipe/metrics?window=5m")).decode(PipelineMetricsSummary.self)

        // Then both count the same requests and rows
        #expect(sample(text, "lastmile_inference_requests_total", ["pipeline": "pipe", "status": "ok"]) == 3)
        #expect(sample(text, "lastmile_inference_requests_total", ["pipeline": "pipe", "status": "bad_request"]) == 2)
        #expect(sample(text, "lastmile_inference_rows_total", ["pipeline": "pipe"]) == 7)
        #expect(sample(text, "lastmile_inference_latency_seconds_count", ["pipeline": "pipe"]) == 3)
        #expect(sample(text, "lastmile_model_latency_seconds_count", ["pipeline": "pipe", "model": "model"]) == 3)
        #expect(sample(text, "lastmile_replicas", ["pipeline": "pipe"]) == 1)
        #expect(text.contains("process_resident_memory_bytes"))
        #expect(summary.requests == 5 && summary.errors == 2 && summary.rows == 7)
        #expect(abs(summary.errorRate - 0.4) < 1e-12)
        #expect(summary.latencyP99Seconds != nil)
        // and bad windows are refused
        #expect(try await client.call(.get, "/v1/pipelines/pipe/metrics?window=forever").status == .badRequest)
        #expect(try await client.call(.get, "/v1/pipelines/pipe/metrics?window=2h").status == .badRequest)
    }
}
