import Foundation
import HTTPTypes
import HummingbirdTesting
import LastmileAPI
import LastmileServer
import Testing

/// `count` copies of `value`.
private func repeated(_ value: Double, _ count: Int) -> [Double?] { [Double?](repeating: value, count: count) }

@Test func scoreEndpointReproducesTheWorkedExample() async throws {
    // Given values that fill the issue's bins [0, 363, 362, 363, 362, 363, 0] and [6, 345, 377, 333, 385, 365, 1]
    let server = try TestServer()
    defer { server.removeDirectory() }
    let baseline = repeated(0.5, 363) + repeated(1.5, 362) + repeated(2.5, 363) + repeated(3.5, 362) + repeated(4.5, 363)
    let window = repeated(-1, 6) + repeated(0.5, 345) + repeated(1.5, 377) + repeated(2.5, 333) + repeated(3.5, 385) + repeated(4.5, 365) + [6, nil]
    try await server.test { client in
        // When scored with maxdiff on the edges 0...5
        let request = AssayScoreRequest(baseline: AssayValues(values: baseline), window: AssayValues(values: window), summarizer: AssaySummarizer(binMode: .provided, edges: [0, 1, 2, 3, 4, 5], metric: .maxdiff))
        let result = try expectStatus(.ok, await client.call(.post, "/v1/assays/score", json: request)).decode(AssayScoreResult.self)
        // Then the score, its bin and the summaries are the published ones (null counted as missing)
        #expect(abs((result.score ?? 0) - 0.016445794354971288) < 1e-15)
        #expect(result.binIndex == 3)
        #expect(result.status == .ok)
        #expect(result.window.counts == [6, 345, 377, 333, 385, 365, 1])
        #expect(result.window.missing == 1)
        #expect(result.scores.count == 7)
        // and the JSON uses the issue's keys
        let object = try #require(try expectStatus(.ok, await client.call(.post, "/v1/assays/score", json: request)).json() as? [String: Any])
        for key in ["score", "scores", "binIndex", "status", "baseline", "window"] { #expect(object[key] != nil, "\(key)") }
        // and without a token the call is refused
        #expect(try await client.call(.post, "/v1/assays/score", token: nil, json: request).status == .unauthorized)
    }
}

@Test func badScoreRequestsAre400NamingTheProblem() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    let cases: [(String, String)] = [
        (#"{"baseline": {"values": []}, "window": {"values": [1]}}"#, "no values"),
        (#"{"baseline": {"values": [null]}, "window": {"values": [1]}}"#, "no values"),
        (#"{"baseline": {"values": [1, 2]}, "window": {"values": [1]}, "summarizer": {"binMode": "provided", "edges": [1]}}"#, "fewer than needed"),
        (#"{"baseline": {"values": [1, 2]}, "window": {"values": [1]}, "summarizer": {"binMode": "provided", "edges": [0, 2, 1]}}"#, "increase strictly"),
        (#"{"baseline": {"values": [1, 2]}, "window": {"values": [1]}, "summarizer": {"metric": "kl"}}"#, "unknown metric \"kl\""),
        (#"{"baseline": {"values": [1, 2]}, "window": {"values": [1]}, "summarizer": {"binMode": "log"}}"#, "unknown bin mode \"log\""),
        (#"{"baseline": {"values": [1, 2]}, "window": {"values": [1]}, "summarizer": {"binWeights": [1]}}"#, "binWeights"),
    ]
    try await server.test { client in
        for (body, message) in cases {
            let reply = try await client.call(.post, "/v1/assays/score", body: Data(body.utf8))
            #expect(reply.status == .badRequest, "\(body)")
            #expect(reply.errorMessage.contains(message), "\(reply.errorMessage)")
        }
    }
}

@Test func previewScoresWindowsOfLoggedRows() async throws {
    // Given a deployed pipeline that logged 5 rows with X[0] = -1, 0.5, 1.5, 1.5, 9
    let server = try TestServer(logDurability: "sync")
    defer { server.removeDirectory() }
    try await server.test { client in
        try await client.deployFixture("logreg_binary_nozipmap")
        let before = Date().addingTimeInterval(-60)
        let rows = [-1, 0.5, 1.5, 1.5, 9].map { "{\"X\": [\($0), 0, 0, 0, 0, 0]}" }.joined(separator: ", ")
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/pipe/infer", body: Data("[\(rows)]".utf8)))

        // When one two-minute window around them is previewed against a baseline of values
        let request = AssayPreviewRequest(
            pipeline: "pipe", iopath: "in.X[0]", baseline: AssayBaseline(values: [0.5, 0.5, 1.5, 1.5]),
            windows: AssayWindows(start: before, width: "2m", count: 2),
            summarizer: AssaySummarizer(binMode: .provided, edges: [0, 1, 2], metric: .sumdiff), minCount: 5
        )
        let reply = try expectStatus(.ok, await client.call(.post, "/v1/assays/preview", json: request)).decode(AssayPreviewReply.self)

        // Then the first window holds the rows binned by hand: [1, 1, 2, 1] against [0, 2, 2, 0]
        #expect(reply.windows.count == 2)
        #expect(reply.baseline.counts == [0, 2, 2, 0])
        #expect(reply.windows[0].summary.counts == [1, 1, 2, 1])
        // sumdiff = (0.2 + 0.3 + 0.1 + 0.2) / 2 = 0.4
        #expect(abs((reply.windows[0].score ?? 0) - 0.4) < 1e-12)
        #expect(reply.windows[0].status == .alert)
        // and the empty second window has insufficient data
        #expect(reply.windows[1].summary.count == 0 && reply.windows[1].status == .insufficientData)

        // and an output field works too, while fields the pipeline lacks are 400s naming them
        var output = request
        output.iopath = "out.probabilities[1]"
        output.summarizer = AssaySummarizer(binMode: .provided, edges: [0, 0.5, 1])
        output.baseline = AssayBaseline(values: [0.1, 0.9])
        let probabilities = try expectStatus(.ok, await client.call(.post, "/v1/assays/preview", json: output)).decode(AssayPreviewReply.self)
        #expect(probabilities.windows[0].summary.count == 5 && probabilities.windows[0].summary.missing == 0)
        for (path, message) in [("out.nothing", "names no field"), ("in.X[6]", "past dimension"), ("in.X", "one [i] per dimension"), ("meta.x", "starts with")] {
            var bad = request
            bad.iopath = path
            let answer = try await client.call(.post, "/v1/assays/preview", json: bad)
            #expect(answer.status == .badRequest, "\(path)")
            #expect(answer.errorMessage.contains(message), "\(path): \(answer.errorMessage)")
        }
        // and a baseline range with no logged rows is a 400
        var empty = request
        empty.baseline = AssayBaseline(start: Date(timeIntervalSince1970: 0), end: Date(timeIntervalSince1970: 60))
        let refused = try await client.call(.post, "/v1/assays/preview", json: empty)
        #expect(refused.status == .badRequest && refused.errorMessage.contains("the baseline has no values"))
    }
}

@Test func storedAssaysBelongToTheirWorkspaceAndRespectRoles() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        // Given a pipeline in "team", a viewer and an outsider
        try await client.deployFixture("logreg_binary_nozipmap")
        var tokens: [String: String] = [:]
        for name in ["viewer-user", "outsider"] {
            tokens[name] = try expectStatus(.created, await client.call(.post, "/v1/users", json: CreateUserRequest(name: name))).decode(CreateUserReply.self).token
        }
        try expectStatus(.ok, await client.call(.post, "/v1/workspaces/team/members", json: Member(user: "viewer-user", role: .viewer)))
        let create = CreateAssayRequest(
            workspace: "team", name: "x0-drift", pipeline: "pipe", iopath: "in.X[0]", baseline: AssayBaseline(values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
            windows: AssayWindows(start: Date(), width: "1h"), webhook: "http://127.0.0.1:9/hook"
        )

        // When the admin creates an assay (and a viewer tries to)
        #expect(try await client.call(.post, "/v1/assays", token: tokens["viewer-user"], json: create).status == .forbidden)
        let assay = try expectStatus(.created, await client.call(.post, "/v1/assays", json: create)).decode(Assay.self)

        // Then it is stored with its frozen baseline and defaults, listed and readable by members only
        #expect(assay.active && assay.minCount == 100 && assay.alertAfter == 1 && assay.thresholds.alert == 0.25)
        #expect(assay.baseline.count == 10 && assay.baseline.edges == [1, 2.8, 4.6, 6.3999999999999995, 8.2, 10])
        #expect(try await client.call(.post, "/v1/assays", json: create).status == .conflict)
        let listed = try expectStatus(.ok, await client.call(.get, "/v1/assays?workspace=team", token: tokens["viewer-user"])).decode([Assay].self)
        #expect(listed.map(\.id) == [assay.id])
        #expect(try await client.call(.get, "/v1/assays/\(assay.id)", token: tokens["outsider"]).status == .forbidden)
        #expect(try await client.call(.get, "/v1/assays?workspace=team", token: tokens["outsider"]).status == .forbidden)
        #expect(try expectStatus(.ok, await client.call(.get, "/v1/assays/\(assay.id)")).decode(Assay.self) == assay)
        #expect(try expectStatus(.ok, await client.call(.get, "/v1/assays/\(assay.id)/results")).decode([AssayWindowResult].self).isEmpty)
        #expect(try await client.call(.get, "/v1/assays").status == .badRequest)

        // and it can be paused by collaborators and up, and deleted
        #expect(try await client.call(.post, "/v1/assays/\(assay.id)/active", token: tokens["viewer-user"], json: SetAssayActiveRequest(active: false)).status == .forbidden)
        let paused = try expectStatus(.ok, await client.call(.post, "/v1/assays/\(assay.id)/active", json: SetAssayActiveRequest(active: false))).decode(Assay.self)
        #expect(!paused.active)
        try expectStatus(.ok, await client.call(.delete, "/v1/assays/\(assay.id)"))
        #expect(try await client.call(.get, "/v1/assays/\(assay.id)").status == .notFound)

        // and bad definitions are 400s
        var bad = create
        bad.webhook = "ftp://example"
        #expect(try await client.call(.post, "/v1/assays", json: bad).errorMessage.contains("webhook"))
        bad = create
        bad.windows.width = "soon"
        #expect(try await client.call(.post, "/v1/assays", json: bad).errorMessage.contains("windows.width"))
        bad = create
        bad.baseline = AssayBaseline()
        #expect(try await client.call(.post, "/v1/assays", json: bad).errorMessage.contains("the baseline needs"))
    }
}
