import Foundation
import HTTPTypes
import HummingbirdTesting
import LastmileAPI
import LastmileServer
import LastmileTensor
import LastmileTesting
import Testing

/// Uploads `double` (the champion), `triple`, `picky`, and `narrow` (a different signature).
private func upload(_ client: any TestClientProtocol) async throws {
    try expectStatus(.created, await client.call(.post, "/v1/workspaces", json: CreateWorkspaceRequest(name: "team")))
    try expectStatus(.created, await client.call(.post, "/v1/workspaces/team/models/double", body: try ScalingModels.scaling(2)))
    try expectStatus(.created, await client.call(.post, "/v1/workspaces/team/models/triple", body: try ScalingModels.scaling(3)))
    try expectStatus(.created, await client.call(.post, "/v1/workspaces/team/models/picky", body: try ScalingModels.picky()))
    try expectStatus(.created, await client.call(.post, "/v1/workspaces/team/models/narrow", body: try fixtureModel("logreg_binary_nozipmap")))
}

private let shadow = PipelineStep.shadow(Shadow(
    champion: ModelReference(name: "double"),
    challengers: [ModelReference(name: "triple"), ModelReference(name: "picky")]
))

/// One reply (or logged) row: the champion's and challengers' `Y`, and the shadow errors.
private struct ShadowRow: Sendable {
    var out: [Double]
    var challengers: [String: [Double]]
    var errors: [String: String]

    init(_ object: [String: Any]) {
        out = ((object["out"] as? [String: Any])?["Y"] as? [Double]) ?? []
        var challengers: [String: [Double]] = [:]
        for (key, value) in object where key.hasPrefix("out_") {
            challengers[key] = ((value as? [String: Any])?["Y"] as? [Double]) ?? []
        }
        self.challengers = challengers
        errors = ((object["metadata"] as? [String: Any])?["shadow_errors"] as? [String: String]) ?? [:]
    }
}

private func rows(_ count: Int) -> ([[Double]], Data) {
    let rows = (0..<count).map { row in (0..<3).map { Double(row * 3 + $0) - 4.5 } }
    let text = "[" + rows.map { "{\"X\": [\($0.map { String($0) }.joined(separator: ","))]}" }.joined(separator: ",") + "]"
    return (rows, Data(text.utf8))
}

private func infer(_ client: any TestClientProtocol, rows count: Int) async throws -> ([[Double]], [ShadowRow]) {
    let (sent, body) = rows(count)
    let reply = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/shadowed/infer", body: body))
    return (sent, try #require(try reply.json() as? [[String: Any]]).map(ShadowRow.init))
}

@Test func shadowRepliesCarryEachChallengersOutputsAndAFailingChallengerNeverFailsTheRequest() async throws {
    let server = try TestServer(logDurability: "sync")
    defer { server.removeDirectory() }
    try await server.test { client in
        // Given a shadow step: champion x2, challengers x3 and one that fails unless a request has two rows
        try await upload(client)
        try expectStatus(.created, await client.call(.put, "/v1/pipelines/shadowed", json: CreatePipelineRequest(workspace: "team", steps: [shadow])))
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/shadowed/deploy"))

        // When three rows are sent, which the picky challenger cannot take
        let (sent, replies) = try await infer(client, rows: 3)
        // Then the request succeeds with the champion's outputs in out
        #expect(replies.count == 3)
        for (row, reply) in zip(sent, replies) {
            #expect(reply.out == row.map { $0 * 2 })
            // And the working challenger's outputs in out_triple
            #expect(reply.challengers["out_triple"] == row.map { $0 * 3 })
            // And the failing challenger has no outputs but its error, naming the model
            #expect(reply.challengers["out_picky"] == nil)
            #expect(reply.errors["picky"]?.contains("picky") == true, "\(reply.errors)")
        }

        // When two rows are sent, which every challenger takes
        let (pair, pairReplies) = try await infer(client, rows: 2)
        for (row, reply) in zip(pair, pairReplies) {
            #expect(reply.challengers["out_picky"] == row)
            #expect(reply.errors.isEmpty)
        }

        // Then the log keeps the challengers' outputs and errors as the replies had them
        let logged = try expectStatus(.ok, await client.call(.get, "/v1/pipelines/shadowed/logs?limit=10"))
        let loggedRows = try #require(try logged.json() as? [[String: Any]]).map(ShadowRow.init)
        #expect(loggedRows.count == 5)
        #expect(loggedRows.filter { $0.errors["picky"] != nil }.count == 3)
        let loggedTriple: [[Double]] = loggedRows.map { $0.challengers["out_triple"] ?? [] }
        let expectedTriple: [[Double]] = (sent + pair).map { row in row.map { $0 * 3 } }
        #expect(Set(loggedTriple) == Set(expectedTriple))

        // And the failure is counted in Prometheus, per challenger
        let metrics = String(decoding: try expectStatus(.ok, await client.call(.get, "/metrics")).body, as: UTF8.self)
        #expect(metrics.contains("lastmile_shadow_errors_total{pipeline=\"shadowed\",model=\"picky\"} 1"), "\(metrics.split(separator: "\n").filter { $0.contains("shadow") })")

        // And a v2 client gets the champion's outputs, or a challenger's when it asks for out_<model>.<output>
        let v2 = "{\"inputs\": [{\"name\": \"X\", \"datatype\": \"FP32\", \"shape\": [1, 3], \"data\": [1, 2, 3]}], \"outputs\": [{\"name\": \"Y\"}, {\"name\": \"out_triple.Y\"}]}"
        let v2Reply = try expectStatus(.ok, await client.call(.post, "/v2/models/shadowed/infer", body: Data(v2.utf8)))
        let v2Outputs = try #require((try v2Reply.json() as? [String: Any])?["outputs"] as? [[String: Any]])
        #expect(v2Outputs.map { $0["name"] as? String } == ["Y", "out_triple.Y"])
        #expect(v2Outputs.map { $0["data"] as? [Double] } == [[2, 4, 6], [3, 6, 9]])
    }
}

@Test func routeComparisonSummarisesChampionAndChallengers() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        // Given the shadow step followed by a validation that flags rows with a large first output
        try await upload(client)
        let steps = [shadow, .validations(["big": "out.Y[0] > 4"])]
        try expectStatus(.created, await client.call(.put, "/v1/pipelines/shadowed", json: CreatePipelineRequest(workspace: "team", steps: steps)))
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/shadowed/deploy"))
        // When a three-row and a two-row request are served
        let (three, _) = try await infer(client, rows: 3)
        let (two, _) = try await infer(client, rows: 2)
        // Then the comparison has the champion and both challengers of step 1
        let reply = try expectStatus(.ok, await client.call(.get, "/v1/pipelines/shadowed/routes?window=5m"))
        let report = try reply.decode(PipelineRoutesReport.self)
        #expect(report.windowSeconds == 300)
        let byModel = Dictionary(report.routes.map { ($0.model, $0) }, uniquingKeysWith: { first, _ in first })
        let champion = try #require(byModel["double"])
        let triple = try #require(byModel["triple"])
        let picky = try #require(byModel["picky"])
        #expect(report.routes.map(\.model) == ["double", "picky", "triple"])
        #expect(champion.role == "champion" && triple.role == "challenger" && picky.role == "challenger")
        #expect(champion.runs == 2 && champion.rows == 5 && champion.errors == 0)
        // And the picky challenger failed one run of two
        #expect(picky.runs == 2 && picky.errors == 1 && picky.errorRate == 0.5)
        // And the means and differences are those of 2x and 3x over the rows sent
        let all = (three + two).flatMap { $0 }
        let meanX = all.reduce(0, +) / Double(all.count)
        let meanAbsX = all.reduce(0) { $0 + abs($1) } / Double(all.count)
        #expect(abs((champion.outputMeans["Y"] ?? .nan) - 2 * meanX) < 1e-9)
        #expect(abs((triple.outputMeans["Y"] ?? .nan) - 3 * meanX) < 1e-9)
        #expect(abs((triple.meanAbsoluteDifference?["Y"] ?? .nan) - meanAbsX) < 1e-9)
        #expect(champion.meanAbsoluteDifference == nil)
        // And anomaly rates check each model's own outputs: rows whose first output exceeds 4
        let firsts = (three + two).map { $0[0] }
        #expect(champion.anomalousRows == firsts.filter { 2 * $0 > 4 }.count)
        #expect(triple.anomalousRows == firsts.filter { 3 * $0 > 4 }.count)
        #expect(champion.anomalousRows != triple.anomalousRows)
        // And a bad window is refused
        let bad = try await client.call(.get, "/v1/pipelines/shadowed/routes?window=2d")
        #expect(bad.status == .badRequest)
    }
}

@Test func badShadowStepsAreRefusedNamingTheProblem() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        try await upload(client)
        func create(_ step: PipelineStep) async throws -> Reply {
            try await client.call(.put, "/v1/pipelines/bad", json: CreatePipelineRequest(workspace: "team", steps: [step]))
        }
        // No challenger
        let none = try await create(.shadow(Shadow(champion: ModelReference(name: "double"), challengers: [])))
        #expect(none.status == .badRequest && none.errorMessage.contains("at least one challenger"))
        // The same challenger twice
        let twice = try await create(.shadow(Shadow(champion: ModelReference(name: "double"), challengers: [ModelReference(name: "triple"), ModelReference(name: "triple")])))
        #expect(twice.status == .badRequest && twice.errorMessage.contains("two challengers of model \"triple\""))
        // A challenger of another signature
        let narrow = try await create(.shadow(Shadow(champion: ModelReference(name: "double"), challengers: [ModelReference(name: "narrow")])))
        #expect(narrow.status == .unprocessableContent && narrow.errorMessage.contains("share one signature"), "\(narrow.errorMessage)")
        // An unknown challenger
        let unknown = try await create(.shadow(Shadow(champion: ModelReference(name: "double"), challengers: [ModelReference(name: "nope")])))
        #expect(unknown.status == .notFound && unknown.errorMessage.contains("\"nope\""))
        // Nothing was created
        #expect(try await client.call(.get, "/v1/pipelines/bad").status == .notFound)
    }
}

@Test func batchedRequestsEachGetTheirOwnChallengerRows() async throws {
    let server = try TestServer()
    defer { server.removeDirectory() }
    try await server.test { client in
        // Given the shadow pipeline deployed with batching, so concurrent requests share engine calls
        try await upload(client)
        try expectStatus(.created, await client.call(.put, "/v1/pipelines/shadowed", json: CreatePipelineRequest(workspace: "team", steps: [shadow])))
        let config = DeploymentConfig(replicas: 1, batching: BatchingConfig(maxBatchSize: 64, maxDelayMicros: 5_000))
        try expectStatus(.ok, await client.call(.post, "/v1/pipelines/shadowed/deploy", json: DeployRequest(config: config)))
        // When 16 requests of one distinct row each arrive together
        let replies = try await withThrowingTaskGroup(of: (Double, ShadowRow).self) { group in
            for index in 0..<16 {
                group.addTask {
                    let body = Data("[{\"X\": [\(index), 1, 2]}]".utf8)
                    let reply = try expectStatus(.ok, await client.call(.post, "/v1/pipelines/shadowed/infer", body: body))
                    return (Double(index), try #require(try reply.json() as? [[String: Any]]).map(ShadowRow.init)[0])
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        // Then each reply carries its own row's answers from the champion and the challenger
        #expect(replies.count == 16)
        for (x, reply) in replies {
            #expect(reply.out == [2 * x, 2, 4])
            #expect(reply.challengers["out_triple"] == [3 * x, 3, 6])
        }
    }
}
